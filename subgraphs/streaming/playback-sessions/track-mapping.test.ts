/**
 * What `preparePlayback` makes of each answer the catalog can give about a track's mapping: only a
 * CONFIDENT one plays; anything else is NOT_FOUND with NO_CONFIDENT_MAPPING, the status and the
 * uploads a user could choose from (the uncertain pick first, no repeats). The catalog is reached
 * through the ServiceClient interface, answered here as the catalog's `track` answers.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';
import { playableTrack } from './track-mapping.js';

const TRACK = '4uLU6hMCjMI75M1A2tKUQC';
const video = (id: string) => ({ id, title: `Upload ${id}`, embedUrl: `https://www.youtube.com/embed/${id}` });
const catalogAnswering = (track: unknown): ServiceClient => ({ request: async <T>() => ({ track }) as T });
const refusal = (extensions: Record<string, unknown>) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND', reason: 'NO_CONFIDENT_MAPPING', trackId: TRACK, ...extensions }) });

describe('playableTrack', () => {
  it('plays a CONFIDENT mapping', async () => {
    const graph = catalogAnswering({ id: TRACK, durationMs: 213_000, youtube: { status: 'CONFIDENT', video: video('dQw4w9WgXcQ'), alternatives: [] } });
    expect(await playableTrack(graph, TRACK, 'u1')).toEqual({ trackId: TRACK, durationMs: 213_000, videoId: 'dQw4w9WgXcQ', embedUrl: 'https://www.youtube.com/embed/dQw4w9WgXcQ' });
  });

  it('refuses an UNCERTAIN mapping, offering its pick first and then the alternatives, without repeats', async () => {
    const graph = catalogAnswering({ id: TRACK, durationMs: 1, youtube: { status: 'UNCERTAIN', video: video('aaaaaaaaaaa'), alternatives: [video('bbbbbbbbbbb'), video('aaaaaaaaaaa'), video('ccccccccccc')] } });
    await expect(playableTrack(graph, TRACK, 'u1')).rejects.toEqual(
      refusal({
        mappingStatus: 'UNCERTAIN',
        alternatives: ['aaaaaaaaaaa', 'bbbbbbbbbbb', 'ccccccccccc'].map((id) => ({ videoId: id, title: `Upload ${id}`, embedUrl: `https://www.youtube.com/embed/${id}` })),
      }),
    );
  });

  it('refuses an UNAVAILABLE mapping and a track not mapped yet, with nothing to offer', async () => {
    await expect(playableTrack(catalogAnswering({ id: TRACK, durationMs: 1, youtube: { status: 'UNAVAILABLE', video: null, alternatives: [] } }), TRACK, 'u1')).rejects.toEqual(
      refusal({ mappingStatus: 'UNAVAILABLE', alternatives: [] }),
    );
    await expect(playableTrack(catalogAnswering({ id: TRACK, durationMs: 1, youtube: null }), TRACK, 'u1')).rejects.toEqual(refusal({ mappingStatus: 'UNMAPPED', alternatives: [] }));
  });

  it('says NOT_FOUND for a track the catalogue does not know', async () => {
    await expect(playableTrack(catalogAnswering(null), TRACK, 'u1')).rejects.toEqual(expect.objectContaining({ extensions: { code: 'NOT_FOUND' } }));
  });
});
