/**
 * What `reportListening` refuses before anything is enqueued (a BAD_USER_INPUT naming the field),
 * and the completion rate it derives. Whether the device is the caller's is checked in Redis by the
 * resolver, after this.
 */
import { z } from 'zod';
import { LISTENING_OUTCOMES, LISTENING_SOURCES, type ListeningOutcome } from '../../../platform/events/listening.js';
import { isSpotifyId, spotifyId, UUID } from '../../../platform/graphql/inputs.js';


export const MAX_PLAYED_MS = 24 * 60 * 60 * 1000;
/** Client clocks run ahead; more than this in the future is a wrong clock or a forged report. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Offline devices report when they reconnect; a play older than this is a wrong clock, not a backlog. */
export const MAX_REPORT_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_SOURCE_ID_LENGTH = 128;

const millis = () => z.number().int('must be a whole number of milliseconds').min(0, 'must not be negative').max(MAX_PLAYED_MS, `must be at most ${MAX_PLAYED_MS} (24 hours)`);

export const reportListeningArgs = z.object({
  input: z
    .object({
      // Kept in lower case, so that case does not make a new event.
      eventId: z.string().regex(UUID, 'must be a UUID').transform((id) => id.toLowerCase()),
      // Device ids are UUIDs we issued; anything longer cannot be one and is not worth a lookup.
      deviceId: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
      trackId: spotifyId,
      playedMs: millis(),
      trackDurationMs: millis()
        .min(1, 'must be positive')
        .nullish()
        .transform((v) => v ?? null),
      outcome: z.enum(LISTENING_OUTCOMES),
      source: z.enum(LISTENING_SOURCES),
      sourceId: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(MAX_SOURCE_ID_LENGTH, `must be at most ${MAX_SOURCE_ID_LENGTH} characters`)
        .nullish()
        .transform((v) => v ?? null),
      startedAt: z.date(),
    })
    .superRefine((input, ctx) => {
      const now = Date.now();
      const started = input.startedAt.getTime();
      // The play ended at least playedMs after it started (pauses only add time), and it has ended.
      if (started + input.playedMs > now + MAX_CLOCK_SKEW_MS) {
        ctx.addIssue({ code: 'custom', path: ['startedAt'], message: 'must not be in the future, and the play (startedAt + playedMs) must have ended' });
      } else if (started < now - MAX_REPORT_AGE_MS) {
        ctx.addIssue({ code: 'custom', path: ['startedAt'], message: 'must be within the last 30 days' });
      }
      // Albums are catalogue objects: their ids are Spotify ids. Other sources' ids are the client's.
      if (input.source === 'ALBUM' && input.sourceId !== null && !isSpotifyId(input.sourceId)) {
        ctx.addIssue({ code: 'custom', path: ['sourceId'], message: 'must be a Spotify album id (22 base-62 characters) when source is ALBUM' });
      }
    }),
});

export type ListeningReportInput = z.output<typeof reportListeningArgs>['input'];

/**
 * The share of the track that was played, 0 to 1 (seeking back can play more than the track's
 * length). Without a duration a completed play is taken as whole, and a skip is unknown.
 */
export function completionRate(playedMs: number, trackDurationMs: number | null, outcome: ListeningOutcome): number | null {
  if (trackDurationMs === null) return outcome === 'COMPLETED' ? 1 : null;
  return Math.min(1, playedMs / trackDurationMs);
}
