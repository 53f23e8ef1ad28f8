/**
 * A second, private stack for a test file whose work must not reach the other files: a Spotify
 * import asks the catalog to map hundreds of tracks in the background, which on the shared stack
 * would hold the mapping workers (and spend the simulated YouTube quota) long after the file ends.
 * Its own processes (free ports), simulators (ports base+201…204), databases and Redis prefix; the
 * same secrets layout as the shared stack.
 */
import { randomBytes } from 'node:crypto';
import { startTestStack } from './global-setup.js';
import { testPort, testStackEnv } from './test-env.js';

export async function startPrivateStack(name: string) {
  const shared = testStackEnv();
  const ports = Object.fromEntries(Object.keys(shared).filter((key) => /^[A-Z]+_PORT$/.test(key)).map((key) => [key, '0']));
  return startTestStack({
    ...shared,
    ...ports,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    SIMULATOR_SPOTIFY_PORT: String(testPort(201)),
    SIMULATOR_YOUTUBE_PORT: String(testPort(202)),
    SIMULATOR_GENIUS_PORT: String(testPort(203)),
    SIMULATOR_ODESLI_PORT: String(testPort(204)),
    DATABASE_NAME_PREFIX: `${shared.DATABASE_NAME_PREFIX}${name}_`,
    REDIS_KEY_PREFIX: `test:${name}:${randomBytes(4).toString('hex')}:`,
  });
}
