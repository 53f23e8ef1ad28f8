/** Configuration is validated once, and a bad variable is named in the error. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has defaults that need no set-up', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', GATEWAY_PORT: 4000, USERS_PORT: 4001, REDIS_URL: 'redis://127.0.0.1:6379' });
  });

  it.each([
    [{ GATEWAY_PORT: 'eighty' }, 'GATEWAY_PORT'],
    [{ USERS_PORT: '70000' }, 'USERS_PORT'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ IDENTITY_TOKEN_SECRET: 'short' }, 'IDENTITY_TOKEN_SECRET'],
    [{ PLAYBACK_TOKEN_SECRET: 'short' }, 'PLAYBACK_TOKEN_SECRET'],
    [{ STREAMING_DEVICE_TTL_SECONDS: '0' }, 'STREAMING_DEVICE_TTL_SECONDS'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DATABASE_NAME_PREFIX: 'bad"; DROP' }, 'DATABASE_NAME_PREFIX'],
    [{ BOOTSTRAP_ADMIN_EMAIL: 'nobody' }, 'BOOTSTRAP_ADMIN_EMAIL'],
  ])('names the bad variable in %o', (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`^\\s*${name}:`, 'm'));
  });

  it('requires the secrets and real stores in production', () => {
    const error = (() => {
      try {
        parseConfig({ NODE_ENV: 'production' });
      } catch (e) {
        return e as Error;
      }
    })();
    for (const name of ['IDENTITY_TOKEN_SECRET', 'PLAYBACK_TOKEN_SECRET', 'ACCESS_TOKEN_SIGNING_KEY', 'DATABASE_URL', 'MONGO_URL']) {
      expect(error?.message).toMatch(new RegExp(`${name}: is required in production`));
    }
  });
});
