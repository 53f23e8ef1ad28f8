/**
 * The Secret every process reads and that the repository never contains: its name and keys. Made
 * outside (External Secrets, sealed secrets, `kubectl create secret generic ... --from-env-file`);
 * k8s/README.md and .env.example list the same keys. The manifest check accepts a reference to this
 * Secret only for these keys, and fails if a rendered overlay contains a Secret object at all.
 */
export const EXTERNAL_SECRET = 'music-supergraph-secrets';

/** Keys production needs (platform/config.ts refuses to start without them). */
export const REQUIRED_SECRET_KEYS = ['IDENTITY_TOKEN_SECRET', 'PLAYBACK_TOKEN_SECRET', 'ACCESS_TOKEN_SIGNING_KEY', 'TOKEN_ENCRYPTION_KEY'] as const;

/** Keys it may carry besides: provider credentials, the bootstrap admin, store URLs with credentials. */
export const OPTIONAL_SECRET_KEYS = [
  'SPOTIFY_CLIENT_ID', 'SPOTIFY_CLIENT_SECRET', 'YOUTUBE_API_KEY', 'GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET',
  'GENIUS_ACCESS_TOKEN', 'ODESLI_API_KEY', 'BOOTSTRAP_ADMIN_EMAIL', 'BOOTSTRAP_ADMIN_PASSWORD',
  'DATABASE_URL', 'MONGO_URL', 'REDIS_URL',
] as const;

export const SECRET_KEYS: readonly string[] = [...REQUIRED_SECRET_KEYS, ...OPTIONAL_SECRET_KEYS];
