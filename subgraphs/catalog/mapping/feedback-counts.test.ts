/**
 * Feedback counts per UTC day against MongoDB (store/testing.ts: MONGO_URL, else the embedded
 * server, a database of the file's own): reports in the range only, counted per day and per
 * distinct track, across documents, and bad ranges refused.
 */
import { ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCatalogStore, type CatalogCollections } from '../store/collections.js';
import type { ContentMappingDocument } from '../store/documents.js';
import { useCatalogTestStore } from '../store/testing.js';
import { mappingFeedbackCounts } from './feedback-counts.js';

const openStore = useCatalogTestStore('catalog_feedback_counts');
let catalog: CatalogCollections;
beforeAll(async () => {
  const opened = openStore();
  catalog = opened.catalog;
  await prepareCatalogStore(opened.db);
});

const at = (iso: string) => new Date(iso);

function mapping(trackId: string, reportTimes: string[]): ContentMappingDocument {
  const now = new Date();
  return {
    _id: new ObjectId(),
    spotifyTrackId: trackId,
    status: 'confident',
    youtubeVideoId: 'aaaaaaaaaaa',
    confidence: 90,
    source: 'admin',
    candidates: [],
    alternatives: [],
    usageCount: 0,
    feedback: { reports: reportTimes.map((iso, i) => ({ userId: `user-${i}`, videoId: 'aaaaaaaaaaa', at: at(iso), note: null })), wrongVideoIds: [] },
    excludedVideoIds: [],
    verifiedBy: 'admin',
    verifiedAt: now,
    createdAt: now,
    updatedAt: now,
    mappedAt: now,
    engineVersion: 1,
  };
}

describe('mappingFeedbackCounts', () => {
  it('counts the reports of each UTC day in the range, and the distinct tracks reported', async () => {
    await catalog.contentMappings.insertMany([
      mapping('A'.repeat(22), ['2025-05-01T00:00:00Z', '2025-05-01T23:59:59Z', '2025-05-03T10:00:00Z', '2025-04-30T23:59:59Z']),
      mapping('B'.repeat(22), ['2025-05-01T12:00:00Z', '2025-05-04T00:00:00Z']),
      mapping('C'.repeat(22), []),
    ]);
    expect(await mappingFeedbackCounts(catalog.contentMappings, at('2025-05-01T00:00:00Z'), at('2025-05-04T00:00:00Z'))).toEqual([
      { date: '2025-05-01', reports: 3, reportedTracks: 2 },
      { date: '2025-05-03', reports: 1, reportedTracks: 1 },
    ]);
    expect(await mappingFeedbackCounts(catalog.contentMappings, at('2025-06-01T00:00:00Z'), at('2025-06-02T00:00:00Z'))).toEqual([]);
  });

  it('refuses an empty, reversed or too long range', async () => {
    for (const [from, to] of [
      ['2025-05-02T00:00:00Z', '2025-05-02T00:00:00Z'],
      ['2025-05-02T00:00:00Z', '2025-05-01T00:00:00Z'],
      ['2024-01-01T00:00:00Z', '2025-05-01T00:00:00Z'],
    ] as const) {
      await expect(mappingFeedbackCounts(catalog.contentMappings, at(from), at(to))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    }
  });
});
