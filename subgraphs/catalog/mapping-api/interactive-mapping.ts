/**
 * `mapTrack`: one track mapped while a person waits. A stored mapping is answered as it is (free,
 * not counted); otherwise the user's allowance is counted and the engine maps the track with
 * interactive priority (it may spend the reserve jobs leave). Like the jobs, it claims the track
 * first, so that it never maps a track a job (or another request) is mapping at that moment; it
 * waits for that work instead and answers its result. The wait is bounded: past it, the person
 * matters more than a few quota units, and the engine's unique index still keeps one mapping.
 */
import { randomUUID } from 'node:crypto';
import type { WorkClaims } from '../../../platform/jobs/work-claims.js';
import type { MappingService } from '../mapping/service.js';
import type { ContentMappingDocument } from '../store/documents.js';
import type { MapTrackLimit } from './map-track-limit.js';

const MAX_WAIT_MS = 20_000;

export async function mapTrackNow(
  deps: { service: MappingService; claims: WorkClaims; limit: MapTrackLimit },
  trackId: string,
  userId: string,
): Promise<ContentMappingDocument> {
  const stored = await deps.service.get(trackId);
  if (stored) return stored;
  const holder = `interactive-${randomUUID()}`;
  let { claimed } = await deps.claims.claim([trackId], holder);
  if (claimed.length === 0) {
    await deps.claims.untilAnyFree([trackId], { signal: AbortSignal.timeout(MAX_WAIT_MS) }).catch(() => undefined);
    const mapped = await deps.service.get(trackId);
    if (mapped) return mapped;
    ({ claimed } = await deps.claims.claim([trackId], holder));
  }
  const map = async () => {
    await deps.limit.consume(userId);
    return deps.service.map(trackId, { priority: 'interactive' });
  };
  return claimed.length > 0 ? deps.claims.holding(claimed, holder, map) : map();
}
