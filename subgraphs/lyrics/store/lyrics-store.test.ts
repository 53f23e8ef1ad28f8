/**
 * Genius matches and track languages against MongoDB: MONGO_URL when it points at a real server,
 * else the project's embedded MongoDB-compatible server. Each run uses a database of its own.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongoServer } from '../../../platform/mongo/server/index.js';
import { lyricsCollections, prepareLyricsStore, type LyricsCollections } from './collections.js';
import { findLyricsMatch, setLyricsMatch } from './lyrics-matches.js';
import { findTrackLanguage, setTrackLanguage } from './track-languages.js';

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
    expect(await findLyricsMatch(lyrics, TRACK)).toEqual({ ...match(378195, 1), matchedAt: second });
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
