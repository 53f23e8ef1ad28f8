/**
 * The catalog's privacy export and erase on the catalog store (the embedded MongoDB-compatible
 * server unless MONGO_URL is set): the user's reports are kept, anonymised (id replaced, note
 * dropped) so report counts stay, their verifications keep their effect, and a rerun finds nothing.
 */
import { ObjectId } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ContentMappingDocument } from '../store/documents.js';
import { useCatalogTestStore } from '../store/testing.js';
import { eraseCatalogUserData, exportCatalogUserData } from './user-data.js';

const store = useCatalogTestStore('privacy');

function mapping(trackId: string, reports: ContentMappingDocument['feedback']['reports'], verifiedBy: string | null): ContentMappingDocument {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    _id: new ObjectId(),
    spotifyTrackId: trackId,
    status: 'uncertain',
    youtubeVideoId: 'vid00000001',
    confidence: 60,
    source: 'search',
    candidates: [],
    alternatives: [],
    usageCount: 0,
    feedback: { reports, wrongVideoIds: [] },
    excludedVideoIds: [],
    verifiedBy,
    verifiedAt: verifiedBy ? at : null,
    createdAt: at,
    updatedAt: at,
    mappedAt: at,
    engineVersion: 1,
  };
}

describe('catalog privacy', () => {
  it('exports the user\'s reports and verifications, then anonymises them idempotently', async () => {
    const { catalog } = store();
    const [ada, bob, anonymous] = [randomUUID(), randomUUID(), randomUUID()];
    const at = new Date('2026-02-01T00:00:00Z');
    await catalog.contentMappings.insertMany([
      mapping('trackAAAAAAAAAAAAAAAAAA', [
        { userId: bob, videoId: 'vid00000001', at, note: 'live' },
        { userId: ada, videoId: 'vid00000001', at, note: 'my name is Ada' },
      ], null),
      mapping('trackBBBBBBBBBBBBBBBBBB', [], ada),
    ]);

    const exported = await exportCatalogUserData(catalog, ada);
    expect(exported.mappingReports).toEqual([{ trackId: 'trackAAAAAAAAAAAAAAAAAA', videoId: 'vid00000001', reportedAt: at.toISOString(), note: 'my name is Ada' }]);
    expect(exported.mappingVerifications).toEqual([expect.objectContaining({ trackId: 'trackBBBBBBBBBBBBBBBBBB' })]);

    expect(await eraseCatalogUserData(catalog, ada, anonymous, [])).toEqual({ reportsAnonymised: 1, verificationsAnonymised: 1 });
    const reported = await catalog.contentMappings.findOne({ spotifyTrackId: 'trackAAAAAAAAAAAAAAAAAA' });
    expect(reported!.feedback.reports).toEqual([
      { userId: bob, videoId: 'vid00000001', at, note: 'live' },
      { userId: anonymous, videoId: 'vid00000001', at, note: null },
    ]);
    expect((await catalog.contentMappings.findOne({ spotifyTrackId: 'trackBBBBBBBBBBBBBBBBBB' }))!.verifiedBy).toBe(anonymous);
    expect(await eraseCatalogUserData(catalog, ada, anonymous, [])).toEqual({ reportsAnonymised: 0, verificationsAnonymised: 0 });
    expect(await exportCatalogUserData(catalog, ada)).toEqual({ mappingReports: [], mappingVerifications: [] });
  });
});
