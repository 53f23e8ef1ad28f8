/**
 * Genius matches and track languages against MongoDB: MONGO_URL when it points at a real server,
 * else the project's embedded MongoDB-compatible server. Each run uses a database of its own.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from '../../../platform/mongo/server/index.js';
import { lyricsCollections, prepareLyricsStore, type LyricsCollections } from './collections.js';
import { findLyricsMatch, findLyricsRecords, setLyricsMatch, storeAutomaticOutcome } from './lyrics-matches.js';
import { findTrackLanguage, findTrackLanguages, setTrackLanguage, storeDetectedLanguage } from './track-languages.js';

let server: EmbeddedMongoServer | undefined;
let client: MongoClient;
let db: Db;
let lyrics: LyricsCollections;

beforeAll(async () => {
  if (!process.env.MONGO_URL) server = await startEmbeddedMongo();
  client = new MongoClient(process.env.MONGO_URL ?? server!.url, { serverSelectionTimeoutMS: 3000 });
  await client.connect();
  db = client.db(`test_helper_lyrics_${randomUUID().slice(0, 8)}`);
  await prepareLyricsStore(db);
  await prepareLyricsStore(db); // idempotent
  lyrics = lyricsCollections(db);
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
  await server?.close();
});

const TRACK = '4uLU6hMCjMI75M1A2tKUQC';
const match = (geniusSongId: number, confidence: number) => ({
  trackId: TRACK,
  geniusSongId,
  title: 'Chandelier',
  primaryArtist: 'Sia',
  url: 'https://genius.com/Sia-chandelier-lyrics',
  confidence,
});

describe('lyrics matches', () => {
  it('keeps one match per track: setting again replaces it', async () => {
    const first = new Date('2026-01-01T00:00:00Z');
    await setLyricsMatch(lyrics, match(1, 0.4), first);
    const second = new Date('2026-01-02T00:00:00Z');
    await setLyricsMatch(lyrics, match(378195, 1), second);
    expect(await findLyricsMatch(lyrics, TRACK)).toEqual({ ...match(378195, 1), matchedAt: second, origin: 'admin', expiresAt: null, artworkUrl: null, releaseDate: null });
    expect(await lyrics.lyricsMatches.countDocuments({ trackId: TRACK })).toBe(1);
  });

  it('refuses a second document for the same track', async () => {
    await expect(lyrics.lyricsMatches.insertOne({ ...match(2, 1), matchedAt: new Date() })).rejects.toMatchObject({ code: 11000 });
  });

  it('is null for a track without a match', async () => {
    expect(await findLyricsMatch(lyrics, '0000000000000000000000')).toBeNull();
  });
});

describe('track languages', () => {
  it('sets, replaces and clears a language', async () => {
    expect(await findTrackLanguage(lyrics, TRACK)).toBeNull();
    await setTrackLanguage(lyrics, TRACK, 'en');
    await setTrackLanguage(lyrics, TRACK, 'pt');
    expect(await findTrackLanguage(lyrics, TRACK)).toBe('pt');
    expect(await lyrics.trackLanguages.countDocuments({ trackId: TRACK })).toBe(1);
    await setTrackLanguage(lyrics, TRACK, null);
    expect(await findTrackLanguage(lyrics, TRACK)).toBeNull();
  });
});

describe('the automatic matcher\'s cache', () => {
  const HOUR = 3_600_000;
  const ttls = { matchTtlMs: 30 * 24 * HOUR, missTtlMs: 24 * HOUR };
  const at = new Date('2026-03-01T00:00:00Z');
  const later = (ms: number) => new Date(at.getTime() + ms);
  const auto = (trackId: string, geniusSongId: number) => ({ kind: 'match' as const, match: { ...match(geniusSongId, 0.9), trackId, artworkUrl: 'https://images.genius.com/a.jpg', releaseDate: '2014-03-17' } });

  it('keeps a match for the match TTL and a miss for the shorter miss TTL', async () => {
    const matched = '1111111111111111111111';
    const missed = '2222222222222222222222';
    await storeAutomaticOutcome(lyrics, auto(matched, 378195), ttls, at);
    await storeAutomaticOutcome(lyrics, { kind: 'miss', trackId: missed, bestGeniusSongId: 5, bestConfidence: 0.31 }, ttls, at);

    const soon = await findLyricsRecords(lyrics, [matched, missed], later(23 * HOUR));
    expect(soon.get(matched)).toMatchObject({ geniusSongId: 378195, origin: 'auto', confidence: 0.9, releaseDate: '2014-03-17' });
    expect(soon.get(missed)).toMatchObject({ miss: true, bestConfidence: 0.31, expiresAt: later(24 * HOUR) });
    // A miss is not a match for readers of the match.
    expect(await findLyricsMatch(lyrics, missed, later(HOUR))).toBeNull();

    const nextDay = await findLyricsRecords(lyrics, [matched, missed], later(25 * HOUR));
    expect([...nextDay.keys()]).toEqual([matched]);
    expect((await findLyricsRecords(lyrics, [matched], later(31 * 24 * HOUR))).size).toBe(0);
  });

  it('replaces an expired miss with the next outcome, one document per track', async () => {
    const id = '3333333333333333333333';
    await storeAutomaticOutcome(lyrics, { kind: 'miss', trackId: id, bestGeniusSongId: null, bestConfidence: 0 }, ttls, at);
    await storeAutomaticOutcome(lyrics, auto(id, 42), ttls, later(25 * HOUR));
    expect((await findLyricsRecords(lyrics, [id], later(26 * HOUR))).get(id)).toMatchObject({ geniusSongId: 42, origin: 'auto' });
    expect(await lyrics.lyricsMatches.countDocuments({ trackId: id })).toBe(1);
  });

  it('never overwrites an admin\'s match, and an admin\'s replaces an automatic one', async () => {
    const id = '4444444444444444444444';
    await storeAutomaticOutcome(lyrics, auto(id, 7), ttls, at);
    await setLyricsMatch(lyrics, { ...match(8, 1), trackId: id }, at);
    const kept = await storeAutomaticOutcome(lyrics, auto(id, 9), ttls, later(HOUR));
    expect(kept).toMatchObject({ geniusSongId: 8, origin: 'admin' });
    const miss = await storeAutomaticOutcome(lyrics, { kind: 'miss', trackId: id, bestGeniusSongId: null, bestConfidence: 0 }, ttls, later(HOUR));
    expect(miss).toMatchObject({ geniusSongId: 8, origin: 'admin' });
    // An admin's match never expires.
    expect(await findLyricsMatch(lyrics, id, later(10 * 365 * 24 * HOUR))).toMatchObject({ geniusSongId: 8, confidence: 1 });
  });

  it('treats a match stored before automatic matching (no origin) as an admin\'s', async () => {
    const id = '5555555555555555555555';
    await lyrics.lyricsMatches.insertOne({ ...match(10, 1), trackId: id, matchedAt: at });
    expect(await storeAutomaticOutcome(lyrics, auto(id, 11), ttls, at)).toMatchObject({ geniusSongId: 10 });
  });

  it('reads many tracks\' records in one query', async () => {
    const found = await findLyricsRecords(lyrics, ['1111111111111111111111', '3333333333333333333333', '0000000000000000000000'], later(HOUR * 30));
    expect([...found.keys()].sort()).toEqual(['1111111111111111111111', '3333333333333333333333']);
  });
});

describe('computed languages', () => {
  it('stores a detected language, replaces it with a newer one, and never overwrites an admin\'s', async () => {
    const id = '6666666666666666666666';
    expect(await storeDetectedLanguage(lyrics, id, { language: 'und', source: 'undetermined' })).toBe('und');
    expect(await storeDetectedLanguage(lyrics, id, { language: 'es', source: 'genius' })).toBe('es');
    await setTrackLanguage(lyrics, id, 'pt');
    expect(await storeDetectedLanguage(lyrics, id, { language: 'es', source: 'franc' })).toBe('pt');
    expect(await findTrackLanguages(lyrics, [id, '0000000000000000000000'])).toEqual(new Map([[id, 'pt']]));
    expect(await lyrics.trackLanguages.countDocuments({ trackId: id })).toBe(1);
  });
});
