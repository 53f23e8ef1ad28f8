/**
 * The Spotify simulator's switches (`POST /_simulator/config {"spotify": {...}}`): the registered
 * client, token lifetime, whether the several-items endpoints answer (development-mode apps are
 * refused them since February 2026), and an exhausted quota.
 */
import { z } from 'zod';
import { SimulatorConfigError } from '../kit.js';

export const DEFAULT_CLIENT_ID = 'simulator-spotify-client';
export const DEFAULT_CLIENT_SECRET = 'simulator-spotify-secret';

export const spotifyOptionsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** `expires_in` of new access tokens. */
  tokenTtlSeconds: z.number().int().min(1),
  /** false: /v1/tracks?ids, /v1/artists?ids, /v1/albums?ids answer 403, as for a development-mode app. */
  severalItems: z.boolean(),
  /** true: every Web API call answers 429 with reason QUOTA_EXCEEDED. */
  quotaExceeded: z.boolean(),
  quotaRetryAfterSeconds: z.number().int().min(0),
  /** false: user endpoints skip the OAuth scope check. */
  checkScopes: z.boolean(),
}).strict();

export type SpotifyOptions = z.infer<typeof spotifyOptionsSchema>;

export const defaultSpotifyOptions = (): SpotifyOptions => ({
  clientId: DEFAULT_CLIENT_ID,
  clientSecret: DEFAULT_CLIENT_SECRET,
  tokenTtlSeconds: 3600,
  severalItems: true,
  quotaExceeded: false,
  quotaRetryAfterSeconds: 3600,
  checkScopes: true,
});

/** Applies a partial update; unknown or ill-typed options are refused as a whole. */
export function updateOptions(current: SpotifyOptions, update: Record<string, unknown>): SpotifyOptions {
  const parsed = spotifyOptionsSchema.partial().safeParse(update);
  if (!parsed.success) throw new SimulatorConfigError(`spotify: ${z.prettifyError(parsed.error)}`);
  return { ...current, ...parsed.data };
}

/** The 403 answer of a several-items endpoint when `severalItems` is off (our wording; Spotify's is not published). */
export const SEVERAL_ITEMS_REFUSED = 'This endpoint is not available to apps in development mode';
export const QUOTA_EXCEEDED_MESSAGE = 'The app has exceeded its quota';
