/**
 * Configuration, read from the environment and validated once per process (zod).
 * Defaults work on a development machine; production requires the secrets to be set.
 * A bad variable stops the process with a message that names it.
 */
import { z } from 'zod';
import { DEFAULT_PORTS, SUBGRAPHS, WORKERS_PORT_OFFSET, type SubgraphName } from './services.js';

const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce.number().int().positive();
const optionalUrl = z.string().url().optional();

const portVariables = Object.fromEntries(
  [...SUBGRAPHS, 'gateway' as const].map((name) => [`${name.toUpperCase()}_PORT`, port.default(DEFAULT_PORTS[name])]),
) as Record<`${Uppercase<SubgraphName | 'gateway'>}_PORT`, z.ZodDefault<typeof port>>;

const subgraphUrlVariables = Object.fromEntries(
  SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, optionalUrl]),
) as Record<`${Uppercase<SubgraphName>}_URL`, typeof optionalUrl>;

const databaseUrlVariables = Object.fromEntries(
  ['users', 'library', 'analytics'].map((name) => [`${name.toUpperCase()}_DATABASE_URL`, optionalUrl]),
) as Record<'USERS_DATABASE_URL' | 'LIBRARY_DATABASE_URL' | 'ANALYTICS_DATABASE_URL', typeof optionalUrl>;

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // How `npm start` shows the processes' pino lines; unset: pretty on a terminal, JSON otherwise.
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    // Distinct client operation names a process labels its request metrics with; later ones count as `other`.
    METRICS_MAX_OPERATION_NAMES: z.coerce.number().int().min(1).max(10_000).default(200),
    HOST: z.string().default('127.0.0.1'),
    // Express `trust proxy`: which hops may set X-Forwarded-For (e.g. `loopback`, `10.0.0.0/8`, a hop count).
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v) => (v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v)),
    ...portVariables,
    ...subgraphUrlVariables,

    // Stores. DATABASE_URL names a PostgreSQL server; each subgraph uses its own database on it,
    // unless <NAME>_DATABASE_URL points it elsewhere (the supervisor does so for embedded PGlite).
    DATABASE_URL: optionalUrl,
    DATABASE_NAME_PREFIX: z.string().regex(/^[a-z0-9_]*$/).default(''),
    POSTGRES_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    ...databaseUrlVariables,
    MONGO_URL: optionalUrl,
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    // Namespaces every Redis key of this deployment (tests use their own).
    REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]*$/).default(''),

    // Identity. The gateway signs a short-lived identity token per request; subgraphs trust only it.
    IDENTITY_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    IDENTITY_TOKEN_TTL_SECONDS: seconds.default(60),
    ACCESS_TOKEN_TTL_SECONDS: seconds.default(900),
    REFRESH_TOKEN_TTL_SECONDS: seconds.default(60 * 60 * 24 * 30),
    // A private JWK (JSON) for signing access tokens; without it users keeps a generated key in its database.
    ACCESS_TOKEN_SIGNING_KEY: z.string().optional(),
    USERS_JWKS_URL: optionalUrl,
    // Streaming signs the playback tokens it hands to devices (HS256); any streaming replica verifies them.
    PLAYBACK_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PLAYBACK_TOKEN_TTL_SECONDS: seconds.default(600),
    BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
    BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),

    // Failed-login throttling: per account and per IP, a lock that doubles with each failure beyond the free ones.
    LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    LOGIN_BASE_DELAY_SECONDS: seconds.default(2),
    LOGIN_MAX_DELAY_SECONDS: seconds.default(60 * 15),
    LOGIN_IP_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(20),

    // External APIs. Base URLs point at the real services by default; `npm start` points a provider
    // at its simulator (providers/simulators) when that provider's credentials are not set.
    SPOTIFY_CLIENT_ID: z.string().min(1).optional(),
    SPOTIFY_CLIENT_SECRET: z.string().min(1).optional(),
    SPOTIFY_API_URL: z.string().url().default('https://api.spotify.com/v1'),
    SPOTIFY_ACCOUNTS_URL: z.string().url().default('https://accounts.spotify.com'),
    // Several-items endpoints (GET /tracks?ids=...): `auto` uses them until Spotify refuses, then single gets.
    SPOTIFY_SEVERAL_ITEMS: z.enum(['auto', 'enabled', 'disabled']).default('auto'),
    SPOTIFY_SINGLE_GET_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(8),
    YOUTUBE_API_KEY: z.string().min(1).optional(),
    YOUTUBE_API_URL: z.string().url().default('https://youtube.googleapis.com/youtube/v3'),
    YOUTUBE_DAILY_UNITS: z.coerce.number().int().positive().default(10_000),
    YOUTUBE_SEARCH_DAILY_CALLS: z.coerce.number().int().positive().default(100),
    // Share of each YouTube budget that background jobs leave to interactive requests.
    YOUTUBE_INTERACTIVE_RESERVE: z.coerce.number().min(0).max(1).default(0.2),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    GOOGLE_AUTHORIZE_URL: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
    GOOGLE_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
    GENIUS_ACCESS_TOKEN: z.string().min(1).optional(),
    GENIUS_API_URL: z.string().url().default('https://api.genius.com'),
    ODESLI_API_URL: z.string().url().default('https://api.song.link/v1-alpha.1'),
    ODESLI_API_KEY: z.string().min(1).optional(),
    // Odesli allows 10 lookups a minute without a key; shared by every replica.
    ODESLI_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
    // Where Spotify and Google send the user back after consent when linking an account (the client app's page).
    ACCOUNT_LINK_REDIRECT_URI: z.string().url().default('http://127.0.0.1:4000/account-link/callback'),
    // 32 bytes, base64: encrypts linked-account tokens at rest (AES-256-GCM). `npm start` keeps one in .data.
    TOKEN_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
    // Resilience of every provider call (see providers/http).
    PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    PROVIDER_MAX_RETRY_AFTER_SECONDS: z.coerce.number().int().min(0).default(30),
    PROVIDER_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
    PROVIDER_BREAKER_HALF_OPEN_MS: z.coerce.number().int().positive().default(30_000),
    PROVIDER_CONCURRENCY: z.coerce.number().int().min(1).default(16),
    PROVIDER_QUEUE: z.coerce.number().int().min(0).default(200),
    // Simulators (providers/simulators): where `npm start` and the tests run them.
    SIMULATOR_SPOTIFY_PORT: port.default(4101),
    SIMULATOR_YOUTUBE_PORT: port.default(4102),
    SIMULATOR_GENIUS_PORT: port.default(4103),
    SIMULATOR_ODESLI_PORT: port.default(4104),
    SIMULATOR_SEED: z.coerce.number().int().default(1),
    SIMULATOR_TRACKS: z.coerce.number().int().min(100).default(20_000),
    SIMULATOR_ARTISTS: z.coerce.number().int().min(10).default(1_000),

    // Jobs: mapping batches the catalog's worker runs at once (each batch shares per-artist work inside).
    CATALOG_MAPPING_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
    // Spotify imports and syncs the library's worker runs at once (each pages through one source).
    LIBRARY_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
    // Lyrics: tracks the lyrics-tracks worker matches to Genius (and detects the language of) at once.
    LYRICS_TRACKS_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    // Cold tracks one request matches to Genius at once (each is a search and a song lookup).
    LYRICS_INLINE_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    // How long an automatic Genius match is kept before it is made again, and how long a miss is believed.
    LYRICS_MATCH_TTL_DAYS: z.coerce.number().positive().default(30),
    LYRICS_MISS_TTL_HOURS: z.coerce.number().positive().default(24),
    // Below this confidence (0..1) the best Genius hit is not a match: the track has no lyrics link.
    LYRICS_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.75),
    // Listening reports analytics' worker records at once (each is one INSERT).
    ANALYTICS_LISTENING_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    // How often the analytics-rollups job folds new listening events into the stats rollups.
    ANALYTICS_ROLLUP_EVERY_SECONDS: seconds.default(60),
    // A track whose language lyrics did not know yet is asked again after this long.
    ANALYTICS_TRACK_LANGUAGE_RETRY_SECONDS: seconds.default(3600),
    // Recommendations (analytics-recommendations job): how often they are recomputed for every active
    // user; who counts as active (played within this many days); how far back listening sessions are
    // read; a gap that ends a session; the half-life of a play's weight.
    ANALYTICS_RECOMMENDATIONS_EVERY_SECONDS: seconds.default(900),
    ANALYTICS_RECOMMENDATIONS_ACTIVE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    ANALYTICS_RECOMMENDATIONS_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(90),
    ANALYTICS_SESSION_GAP_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    ANALYTICS_RECOMMENDATIONS_HALF_LIFE_DAYS: z.coerce.number().positive().max(3650).default(14),

    // Streaming: a device that sends no heartbeat for this long is gone (not listed, cannot be played on).
    STREAMING_DEVICE_TTL_SECONDS: seconds.default(90),
    // preparePlayback calls per user and minute (each asks the catalog and signs a token).
    STREAMING_PREPARE_PER_MINUTE: z.coerce.number().int().positive().default(60),

    // Edge limits.
    MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(10),
    MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(15),
    MAX_QUERY_TOKENS: z.coerce.number().int().min(1).default(2000),
    MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(1).default(20),
    // GraphQL Armor's cost multiplies by a literal `first`: 25,000 admits a page of 100 playlist items
    // with their tracks' details (about 22,000) and refuses fragment-spread bombs well below the alias limit.
    MAX_QUERY_COST: z.coerce.number().int().min(1).default(25_000),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
    // How often the gateway re-checks the sessions of open subscription sockets against the revocation
    // list (one MGET for all): a logout or deactivation closes a socket within about this long.
    SUBSCRIPTION_REVOCATION_CHECK_MS: z.coerce.number().int().min(100).default(2000),

    // Process roles (platform/runtime/role.ts). `embedded`: a subgraph process also runs its BullMQ
    // workers; `off`: it runs none, because `<subgraph>-workers` processes do.
    WORKERS: z.enum(['embedded', 'off']).default('embedded'),
    // Where a `<subgraph>-workers` process serves /health, /ready, /metrics; unset: the subgraph's port + 50.
    WORKERS_PORT: port.optional(),
    // Graceful shutdown (platform/http/shutdown.ts): after SIGTERM, /ready answers 503 at once; requests
    // are still served for SHUTDOWN_DRAIN_SECONDS (unset: 5 in production, where load balancers take a
    // moment to notice, 0 elsewhere), then the listener closes and in-flight requests and jobs get the
    // rest of SHUTDOWN_GRACE_SECONDS (below Kubernetes' default terminationGracePeriodSeconds of 30).
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().max(3600).default(25),
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(600).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.SHUTDOWN_DRAIN_SECONDS !== undefined && config.SHUTDOWN_DRAIN_SECONDS >= config.SHUTDOWN_GRACE_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['SHUTDOWN_DRAIN_SECONDS'], message: 'must be less than SHUTDOWN_GRACE_SECONDS' });
    }
    if (config.NODE_ENV === 'production') {
      for (const key of ['IDENTITY_TOKEN_SECRET', 'PLAYBACK_TOKEN_SECRET', 'ACCESS_TOKEN_SIGNING_KEY', 'DATABASE_URL', 'MONGO_URL', 'TOKEN_ENCRYPTION_KEY'] as const) {
        if (!config[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  return result.data;
}

let cached: Config | undefined;

/** The configuration of this process, read once. */
export function config(): Config {
  if (!cached) {
    try {
      cached = parseConfig(process.env);
    } catch (error) {
      if (error instanceof ConfigError) {
        console.error(error.message);
        process.exit(78); // EX_CONFIG
      }
      throw error;
    }
  }
  return cached;
}

/** Development only: introspection, the landing page, error details and stack traces. */
export const isDevelopment = (): boolean => config().NODE_ENV === 'development';

/** A signing secret the process cannot run without: its bytes, or exit 78 (EX_CONFIG) saying which. */
function requiredSecret(key: 'IDENTITY_TOKEN_SECRET' | 'PLAYBACK_TOKEN_SECRET'): Uint8Array {
  const secret = config()[key];
  if (!secret) {
    console.error(`${key}: is required (npm start generates one; set it when running a process alone)`);
    process.exit(78);
  }
  return new TextEncoder().encode(secret);
}

/** The identity-token secret; every process that signs or checks identity needs it. */
export const identitySecret = (): Uint8Array => requiredSecret('IDENTITY_TOKEN_SECRET');

/** The playback-token secret; streaming signs and checks playback tokens with it. */
export const playbackTokenSecret = (): Uint8Array => requiredSecret('PLAYBACK_TOKEN_SECRET');

/** Where the gateway reaches a subgraph. */
export function subgraphUrl(name: SubgraphName): string {
  const c = config();
  const explicit = c[`${name.toUpperCase() as Uppercase<SubgraphName>}_URL`];
  return explicit ?? `http://127.0.0.1:${c[`${name.toUpperCase() as Uppercase<SubgraphName>}_PORT`]}/graphql`;
}

export function listenPort(name: SubgraphName | 'gateway'): number {
  return config()[`${name.toUpperCase() as Uppercase<SubgraphName | 'gateway'>}_PORT`];
}

/** Where a `<subgraph>-workers` process serves its probes: WORKERS_PORT, else the subgraph's port + WORKERS_PORT_OFFSET
 * (0 stays 0: a free port). */
export function workersPort(name: SubgraphName): number {
  const c = config();
  if (c.WORKERS_PORT !== undefined) return c.WORKERS_PORT;
  const own = listenPort(name);
  return own === 0 ? 0 : own + WORKERS_PORT_OFFSET;
}

/** The shutdown bounds in milliseconds (see SHUTDOWN_GRACE_SECONDS / SHUTDOWN_DRAIN_SECONDS). */
export function shutdownTimings(): { graceMs: number; drainMs: number } {
  const c = config();
  const drainSeconds = c.SHUTDOWN_DRAIN_SECONDS ?? (c.NODE_ENV === 'production' ? 5 : 0);
  return { graceMs: c.SHUTDOWN_GRACE_SECONDS * 1000, drainMs: Math.min(drainSeconds, c.SHUTDOWN_GRACE_SECONDS / 2) * 1000 };
}

/** How long in-flight HTTP requests may run once the listener closes: the bound less the drain and a reserve for the stores. */
export function requestGraceMs(): number {
  const { graceMs, drainMs } = shutdownTimings();
  return Math.max(1000, graceMs - drainMs - Math.min(2000, graceMs / 5));
}
