import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CENSOR, configuredSecrets, redactPaths, scrubber } from './log-redaction.js';

function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  const log = pino({ redact: { paths: redactPaths(), censor: CENSOR }, hooks: { streamWrite: scrubber(secrets) } }, stream);
  return { log, lines };
}

describe('log redaction', () => {
  it('censors credential fields by path, and leaves error codes and breaker states alone', () => {
    const { log, lines } = capture();
    log.info({ password: 'hunter2-hunter2', input: { refreshToken: 'r-123456', code: 'oauth-code-1' }, headers: { authorization: 'Bearer abc' }, code: 'ECONNRESET', state: 'Open' });
    const line = JSON.parse(lines[0]!);
    expect(line.password).toBe(CENSOR);
    expect(line.input).toEqual({ refreshToken: CENSOR, code: CENSOR });
    expect(line.headers.authorization).toBe(CENSOR);
    expect(line.code).toBe('ECONNRESET');
    expect(line.state).toBe('Open');
  });

  it('scrubs tokens inside strings: query parameters, bearer credentials, JWTs, configured secrets', () => {
    const secret = 'configured-secret-value-0123456789';
    const { log, lines } = capture(configuredSecrets({ IDENTITY_TOKEN_SECRET: secret }));
    log.warn(
      { err: new Error(`GET https://api.genius.com/search?q=x&access_token=gen-tok-42 failed; Bearer sk.live.1; key ${secret}`) },
      'failed eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl with {"password":"pw-9"}',
    );
    const text = lines[0]!;
    for (const leaked of ['gen-tok-42', 'sk.live.1', secret, 'eyJhbGciOiJIUzI1NiJ9', 'pw-9']) expect(text).not.toContain(leaked);
    expect(text).toContain('access_token=[redacted]');
    expect(text).toContain('search?q=x');
  });
});
