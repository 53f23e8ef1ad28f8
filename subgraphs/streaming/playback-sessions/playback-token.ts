/**
 * Playback tokens: what `preparePlayback` hands a device, saying that this user may play this video
 * for this track on this device until `exp`. HS256 with PLAYBACK_TOKEN_SECRET (jose), so any
 * streaming replica, or a player backend that holds the secret, checks one without a store.
 */
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { config, playbackTokenSecret } from '../../../platform/config.js';

const ISSUER = 'supergraph-streaming';
const AUDIENCE = 'supergraph-playback';

export interface PlaybackGrant {
  userId: string;
  deviceId: string;
  /** Spotify track id. */
  trackId: string;
  /** YouTube video id. */
  videoId: string;
}

export interface VerifiedPlaybackToken extends PlaybackGrant {
  /** The token's own id, for a player that wants to see each one once. */
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface PlaybackTokenOptions {
  /** Default: PLAYBACK_TOKEN_SECRET. */
  secret?: Uint8Array;
  /** Default: PLAYBACK_TOKEN_TTL_SECONDS. */
  ttlSeconds?: number;
  /** Default: the clock. */
  now?: Date;
}

export type PlaybackTokenProblem = 'EXPIRED' | 'INVALID';

export class PlaybackTokenError extends Error {
  override name = 'PlaybackTokenError';
  constructor(readonly reason: PlaybackTokenProblem) {
    super(reason === 'EXPIRED' ? 'the playback token has expired' : 'the playback token is not valid');
  }
}

export async function signPlaybackToken(grant: PlaybackGrant, options: PlaybackTokenOptions = {}): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + (options.ttlSeconds ?? config().PLAYBACK_TOKEN_TTL_SECONDS);
  const token = await new SignJWT({ device: grant.deviceId, track: grant.trackId, video: grant.videoId })
    .setProtectedHeader({ alg: 'HS256', typ: 'playback+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(grant.userId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(options.secret ?? playbackTokenSecret());
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The grant a token carries; PlaybackTokenError (EXPIRED or INVALID) for anything else. */
export async function verifyPlaybackToken(token: string, options: Omit<PlaybackTokenOptions, 'ttlSeconds'> = {}): Promise<VerifiedPlaybackToken> {
  try {
    const { payload } = await jwtVerify(token, options.secret ?? playbackTokenSecret(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      typ: 'playback+jwt',
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      currentDate: options.now,
    });
    const { sub, device, track, video, jti, iat, exp } = payload;
    if (!text(sub) || !text(device) || !text(track) || !text(video) || !text(jti)) throw new PlaybackTokenError('INVALID');
    return { userId: sub, deviceId: device, trackId: track, videoId: video, tokenId: jti, issuedAt: new Date(iat! * 1000), expiresAt: new Date(exp! * 1000) };
  } catch (error) {
    if (error instanceof PlaybackTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new PlaybackTokenError('EXPIRED');
    throw new PlaybackTokenError('INVALID');
  }
}
