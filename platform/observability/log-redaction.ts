/**
 * What the logs must never contain, in two layers:
 * 1. pino `redact` paths: credential-bearing fields (passwords, access/refresh/playback/identity/ID
 *    tokens, `code_verifier`, client secrets, API keys, encrypted tokens, Authorization and Cookie
 *    headers) at the top of a log object and two levels down; OAuth `code` and `state` under the
 *    holders OAuth puts them in (query, body, input, …), since elsewhere they are error codes;
 * 2. a guard on every serialized line (pino's `streamWrite` hook) for secrets inside strings, which
 *    paths cannot see: `access_token=…`-style query parameters in URLs and error messages (the
 *    Genius client may send its token that way), `Bearer …`/`Basic …` credentials, JWTs, quoted
 *    credential fields in embedded JSON, and the literal values of this process's configured
 *    secrets (IDENTITY_TOKEN_SECRET, TOKEN_ENCRYPTION_KEY, client secrets, API keys, …).
 * Written here rather than taken from a library: pino's redaction covers layer 1; nothing installed
 * scrubs free text, and the patterns are this project's credentials.
 */
import type { Config } from '../config.js';

export const CENSOR = '[redacted]';

const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'oldPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'playbackToken',
  'identityToken',
  'idToken',
  'access_token',
  'refresh_token',
  'id_token',
  'code_verifier',
  'codeVerifier',
  'secret',
  'clientSecret',
  'client_secret',
  'apiKey',
  'api_key',
  'encryptedAccessToken',
  'encryptedRefreshToken',
  'authorization',
  'cookie',
  'set-cookie',
  'x-identity-token',
];

const HEADER_FIELDS = ['authorization', 'cookie', 'set-cookie', 'x-identity-token'];

// `code` and `state` are also error codes and breaker states elsewhere: redacted where OAuth puts them.
const OAUTH_FIELDS = ['code', 'state'];
const OAUTH_HOLDERS = ['query', 'params', 'body', 'input', 'args', 'variables', 'variables.input', 'args.input', '*.input', '*.query', '*.body'];

const key = (field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`);

/** pino `redact.paths`: each field at depth 0-2, plus headers of requests and responses. */
export function redactPaths(): string[] {
  const paths = new Set<string>();
  for (const field of SECRET_FIELDS) {
    const k = key(field);
    paths.add(k.startsWith('.') ? k.slice(1) : k);
    paths.add(`*${k}`);
    paths.add(`*.*${k}`);
  }
  for (const field of HEADER_FIELDS) {
    const k = key(field);
    for (const holder of ['headers', 'req.headers', 'res.headers', 'request.headers', '*.headers']) paths.add(`${holder}${k}`);
  }
  for (const field of OAUTH_FIELDS) for (const holder of OAUTH_HOLDERS) paths.add(`${holder}.${field}`);
  return [...paths];
}

const CREDENTIAL_NAMES = 'access_token|refresh_token|id_token|code|code_verifier|state|client_secret|api_key|key|token|password';
const PATTERNS: [RegExp, string][] = [
  // Query parameters and form fields: ?access_token=…, &code=…
  [new RegExp(`([?&;](?:${CREDENTIAL_NAMES})=)[^&\\s"'\\\\]+`, 'gi'), `$1${CENSOR}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/g, `$1 ${CENSOR}`],
  // JWTs (access, identity, playback tokens) wherever they appear.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, CENSOR],
  // "password":"…" inside a string that holds JSON (quotes escaped once in the log line).
  [
    /(\\"(?:password|newPassword|currentPassword|accessToken|refreshToken|playbackToken|access_token|refresh_token|id_token|code_verifier|client_secret|apiKey)\\"\s*:\s*\\")(?:[^"\\]|\\[^"])*/g,
    `$1${CENSOR}`,
  ],
];

const SECRET_CONFIG_KEYS = [
  'IDENTITY_TOKEN_SECRET',
  'PLAYBACK_TOKEN_SECRET',
  'ACCESS_TOKEN_SIGNING_KEY',
  'TOKEN_ENCRYPTION_KEY',
  'SPOTIFY_CLIENT_SECRET',
  'GOOGLE_CLIENT_SECRET',
  'GENIUS_ACCESS_TOKEN',
  'YOUTUBE_API_KEY',
  'ODESLI_API_KEY',
  'BOOTSTRAP_ADMIN_PASSWORD',
] as const;

/** The configured secret values, longest first (so no shorter one splits a longer one). */
export function configuredSecrets(config: Partial<Config>): string[] {
  const values = SECRET_CONFIG_KEYS.map((name) => config[name]).filter((v): v is string => typeof v === 'string' && v.length >= 8);
  // A signing key is JSON: its private part `d` is what must not leak.
  const jwk = config.ACCESS_TOKEN_SIGNING_KEY;
  if (jwk) {
    try {
      const d = (JSON.parse(jwk) as { d?: unknown }).d;
      if (typeof d === 'string' && d.length >= 8) values.push(d);
    } catch {
      // not JSON: the value itself is listed
    }
  }
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/** The line guard: every pattern, then every configured secret value, replaced by the censor. */
export function scrubber(secrets: readonly string[]): (line: string) => string {
  return (line) => {
    let out = line;
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(CENSOR);
    return out;
  };
}
