/**
 * Lyrics and language through the gateway, against the provider simulators' ground truth:
 * `Track.lyrics` is the Genius song the simulator says (remasters, live takes, featured artists,
 * Japanese, Korean and Cyrillic titles), `Track.language` the song's language (Spanish, Portuguese,
 * French, German, Japanese, Korean...), a second read costs no Genius call, a track entering the
 * catalogue gets its language from the `lyrics-tracks` job without anyone asking, a miss is cached
 * for a shorter time than a match, and admins' values survive the automatic matcher.
 *
 * Reading tracks calls Spotify (through the catalog) and Genius, and the file counts Genius calls,
 * so it holds the Spotify lock and then the Genius lock (the fixed order: spotify first). Its
 * tracks are picked away from the ones other files use (mapping.test.ts needs the catalog's caches
 * cold for its own): those ranges are listed and left out.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphql, login, register, stack } from '../harness/client.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock } from '../harness/simulator-lock.js';
import { TEST_ADMIN } from '../harness/test-env.js';

interface Listed {
  id: string;
  name: string;
  artists: { name: string }[];
  language: string;
  version: string;
  geniusSongId: number | null;
}
interface Truth {
  truth: { geniusSongId: number | null; language: string };
  geniusSong: { id: number; url: string; title: string; language: string | null } | null;
}
interface LyricsView {
  geniusSongId: string;
  url: string;
  confidence: number;
  title: string;
  primaryArtist: string;
  artworkUrl: string | null;
  releaseDate: string | null;
  origin: 'ADMIN' | 'AUTOMATIC';
}
interface TrackView {
  id: string;
  name: string;
  lyrics: LyricsView | null;
  language: string | null;
}

const READ = `query ($ids: [ID!]!) { tracks(ids: $ids) { id name language
  lyrics { geniusSongId url confidence title primaryArtist artworkUrl releaseDate origin } } }`;
const NAMES_ONLY = 'query ($ids: [ID!]!) { tracks(ids: $ids) { id name } }';
const LANGUAGE_ONLY = 'query ($ids: [ID!]!) { tracks(ids: $ids) { id language } }';
const MIN_CONFIDENCE = 0.75; // LYRICS_MIN_CONFIDENCE's default

let adminToken: string;
let mongo: MongoClient;
let lyricsDb: Db;
let redis: Redis;
let queue: Queue;
/** Tracks other files use, left out of every pick. */
const taken = new Set<string>();
/** Tracks this file has picked, so no two tests share one. */
const used = new Set<string>();

async function control<T>(provider: 'spotify' | 'genius', path: string): Promise<T> {
  const response = await fetch(`${stack().simulators[provider]}/_simulator/${path}`);
  if (!response.ok) throw new Error(`simulator ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const listed = async (query: string): Promise<Listed[]> => (await control<{ items: Listed[] }>('spotify', `catalogue/tracks?${query}`)).items;
const truthOf = (id: string) => control<Truth>('spotify', `truth/tracks/${id}`);
const geniusCalls = async () => (await control<{ total: number }>('genius', 'stats')).total;

/**
 * `count` tracks of a filtered list, from `offset` on, that no other file uses, that this file has
 * not picked yet and that pass `keep` (checked against the truth).
 */
async function pick(query: string, count: number, keep: (track: Listed, truth: Truth) => boolean = () => true, offset = 150): Promise<Listed[]> {
  const chosen: Listed[] = [];
  for (const track of await listed(`${query}&offset=${offset}&limit=300`)) {
    if (chosen.length === count) break;
    if (taken.has(track.id) || used.has(track.id)) continue;
    if (!keep(track, await truthOf(track.id))) continue;
    used.add(track.id);
    chosen.push(track);
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} of ${count} tracks for ${query}`);
  return chosen;
}

async function read(ids: string[], query = READ): Promise<TrackView[]> {
  const response = await graphql<{ tracks: TrackView[] }>(query, { ids });
  expect(response.errors).toBeUndefined();
  return response.data!.tracks;
}

/** The lyrics job queue and Genius both quiet: nothing queued or running, no Genius call for half a second. */
async function quiet(): Promise<number> {
  let last = -1;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
    const total = await geniusCalls();
    if (total === last && Object.values(counts).every((n) => n === 0)) return total;
    last = total;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('lyrics kept calling Genius');
}

async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const storedLanguage = (trackId: string) => lyricsDb.collection('track_languages').findOne({ trackId });
const storedMatch = (trackId: string) => lyricsDb.collection('lyrics_matches').findOne({ trackId });

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await holdSimulatorLock('genius');
  adminToken = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login.accessToken;
  const env = stack().env;
  mongo = await MongoClient.connect(env.MONGO_URL!);
  lyricsDb = mongo.db(`${env.DATABASE_NAME_PREFIX ?? ''}lyrics`);
  redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  // Lyrics' own queue, as an operator reaches it: to know when its jobs are done.
  queue = new Queue('lyrics-tracks', { connection: redis, prefix: `${env.REDIS_KEY_PREFIX ?? ''}bull` });
  // mapping.test.ts's ranges, and the unfiltered range the library, streaming, analytics and recommendation files pick from.
  const ranges = [
    'hasAcceptableUpload=true&hasOdesli=true&offset=10000&limit=1000',
    'hasAcceptableUpload=true&hasOdesli=true&offset=11000&limit=700',
    'hasAcceptableUpload=true&offset=17000&limit=300',
    'hasAcceptableUpload=false&offset=1300&limit=1',
    ...[12_000, 13_000, 14_000, 15_000, 16_000, 17_000].map((offset) => `offset=${offset}&limit=1000`),
  ];
  for (const range of ranges) for (const track of await listed(range)) taken.add(track.id);
}, LOCK_WAIT_MS * 2 + 60_000);

afterAll(async () => {
  // Jobs still running would call Genius after the locks are gone.
  if (queue) await quiet().catch(() => undefined);
  await releaseSimulatorLock('genius');
  await releaseSimulatorLock('spotify');
  await queue?.close();
  redis?.disconnect();
  await mongo?.close();
});

const nonLatin = (pattern: RegExp) => (track: Listed) => pattern.test(track.name);
const geniusSays = (_track: Listed, truth: Truth) => truth.geniusSong?.language != null;

describe('Track.lyrics and Track.language', () => {
  it('match remasters, live takes, featured artists and non-Latin titles to the Genius song, with the song\'s language; a second read calls Genius no more', async () => {
    const tracks = [
      ...(await pick('version=remaster&hasGenius=true', 2, geniusSays)),
      ...(await pick('version=live&hasGenius=true', 1, geniusSays)),
      ...(await pick('featured=true&hasGenius=true', 3, geniusSays)),
      ...(await pick('language=ja&hasGenius=true', 2, (t, truth) => nonLatin(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u)(t) && geniusSays(t, truth))),
      // Genius adds a romanisation to this one's title: "恋に眠る (Koi ni Nemuru)".
      ...(await pick('language=ja&hasGenius=true', 1, (t, truth) => nonLatin(/[\p{Script=Hiragana}\p{Script=Katakana}]/u)(t) && /\([\p{Script=Latin} ']+\)/u.test(truth.geniusSong?.title ?? ''))),
      ...(await pick('language=ko&hasGenius=true', 2, (t, truth) => nonLatin(/\p{Script=Hangul}/u)(t) && geniusSays(t, truth))),
      ...(await pick('language=ru&hasGenius=true', 1, (t, truth) => nonLatin(/\p{Script=Cyrillic}/u)(t) && geniusSays(t, truth))),
      ...(await pick('language=es&hasGenius=true', 2, geniusSays)),
      ...(await pick('language=pt&hasGenius=true', 2, geniusSays)),
      ...(await pick('language=fr&hasGenius=true', 2, geniusSays)),
      ...(await pick('language=de&hasGenius=true', 2, geniusSays)),
    ];
    // The picks cover what they should: a "(feat. X)" or "(with X)" feature, a " - … Remaster" suffix.
    const truths = new Map(await Promise.all(tracks.map(async (t) => [t.id, await truthOf(t.id)] as const)));
    expect(tracks.some((t) => /\((feat\.|with) /.test(t.name))).toBe(true);
    expect(tracks.some((t) => / - .*Remaster/.test(t.name))).toBe(true);

    const ids = tracks.map((t) => t.id);
    const first = await read(ids);
    for (const track of first) {
      const truth = truths.get(track.id)!;
      expect(track.lyrics, `${track.name}`).toMatchObject({
        geniusSongId: String(truth.truth.geniusSongId),
        url: truth.geniusSong!.url,
        title: truth.geniusSong!.title.replace(/\s*\(Ft\.[^)]*\)$/, ''),
        origin: 'AUTOMATIC',
      });
      expect(track.lyrics!.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
      expect(track.lyrics!.confidence).toBeLessThanOrEqual(1);
      expect(track.lyrics!.artworkUrl).toMatch(/^https:\/\/images\.genius\.com\//);
      expect(track.language, `${track.name}`).toBe(truth.truth.language);
    }
    for (const language of ['es', 'pt', 'fr', 'de', 'ja', 'ko']) expect(first.filter((t) => t.language === language).length).toBeGreaterThanOrEqual(2);

    // Once the background jobs these tracks started are done, reading again is MongoDB only.
    const before = await quiet();
    expect(await read(ids)).toEqual(first);
    expect(await geniusCalls()).toBe(before);
  });

  it('a track entering the catalogue gets its language and match from the job, without anyone reading them', async () => {
    const tracks = [
      ...(await pick('language=es&hasGenius=true', 1, geniusSays, 400)),
      ...(await pick('language=ko&hasGenius=true', 1, geniusSays, 400)),
      ...(await pick('language=de&hasGenius=true', 1, geniusSays, 400)),
    ];
    const ids = tracks.map((t) => t.id);
    for (const id of ids) expect(await storedLanguage(id)).toBeNull();
    await read(ids, NAMES_ONLY); // the catalog stores them, and announces them to lyrics
    for (const track of tracks) {
      const truth = await truthOf(track.id);
      const language = await eventually(() => storedLanguage(track.id), `the language of ${track.id}`);
      expect(language).toMatchObject({ language: truth.truth.language, source: 'genius' });
      expect(await storedMatch(track.id)).toMatchObject({ geniusSongId: truth.truth.geniusSongId, origin: 'auto' });
    }
    const before = await quiet();
    expect((await read(ids)).map((t) => [t.language, t.lyrics?.geniusSongId])).toEqual(
      await Promise.all(tracks.map(async (t) => [(await truthOf(t.id)).truth.language, String(t.geniusSongId)])),
    );
    expect(await geniusCalls()).toBe(before);
  });

  it('asking only for a language it has not computed yet answers null and queues the job', async () => {
    const [track] = await pick('language=fr&hasGenius=true', 1, geniusSays, 400);
    await read([track!.id], NAMES_ONLY);
    await quiet();
    // Forget what the job stored, as for a track catalogued before the job existed.
    await lyricsDb.collection('track_languages').deleteOne({ trackId: track!.id });
    await queue.remove((await queue.getJobs(['completed'])).find((job) => job.data.input.trackId === track!.id)!.id!);
    expect((await read([track!.id], LANGUAGE_ONLY))[0]!.language).toBeNull();
    const stored = await eventually(() => storedLanguage(track!.id), 'the language job');
    expect(stored.language).toBe((await truthOf(track!.id)).truth.language);
  });

  it('a track Genius has no song for has no lyrics, and the miss is cached for less time than a match', async () => {
    const [missing] = await pick('hasGenius=false', 1, (t) => t.language !== 'instrumental', 300);
    const [found] = await pick('language=pt&hasGenius=true', 1, geniusSays, 400);
    const ids = [missing!.id, found!.id];
    const [none] = await read(ids);
    expect(none!.lyrics).toBeNull();
    const miss = await storedMatch(missing!.id);
    const match = await storedMatch(found!.id);
    expect(miss).toMatchObject({ miss: true, origin: 'auto' });
    expect(miss!.expiresAt.getTime() - miss!.matchedAt.getTime()).toBe(24 * 3_600_000);
    expect(match!.expiresAt.getTime() - match!.matchedAt.getTime()).toBe(30 * 24 * 3_600_000);
    const before = await quiet();
    expect((await read(ids))[0]!.lyrics).toBeNull();
    expect(await geniusCalls()).toBe(before);
  });

  it('admins\' matches and languages survive the automatic matcher and the job', async () => {
    const [matched, spoken] = await pick('language=es&hasGenius=true', 2, geniusSays, 600);
    const adminMatch = {
      trackId: matched!.id,
      geniusSongId: '9999991',
      title: 'Chosen by hand',
      primaryArtist: 'An Admin',
      url: 'https://genius.com/An-admin-chosen-by-hand-lyrics',
    };
    const set = await graphql('mutation ($input: SetLyricsMatchInput!) { setLyricsMatch(input: $input) { trackId origin confidence } }', { input: adminMatch }, { token: adminToken });
    expect(set.data?.setLyricsMatch).toEqual({ trackId: matched!.id, origin: 'ADMIN', confidence: 1 });
    const language = await graphql('mutation ($id: ID!) { setTrackLanguage(trackId: $id, language: "it") { id } }', { id: spoken!.id }, { token: adminToken });
    expect(language.errors).toBeUndefined();

    // The catalog announces both; the job computes what is missing and leaves the admins' values.
    await read([matched!.id, spoken!.id], NAMES_ONLY);
    await eventually(() => storedLanguage(matched!.id), 'the language of the admin-matched track');
    await eventually(() => storedMatch(spoken!.id), 'the match of the admin-languaged track');
    await quiet();
    const [first, second] = await read([matched!.id, spoken!.id]);
    expect(first!.lyrics).toMatchObject({ geniusSongId: '9999991', title: 'Chosen by hand', origin: 'ADMIN', confidence: 1 });
    expect(second!.language).toBe('it');
    expect(second!.lyrics).toMatchObject({ geniusSongId: String(spoken!.geniusSongId), origin: 'AUTOMATIC' });
    expect(await storedLanguage(spoken!.id)).toMatchObject({ language: 'it', source: 'admin' });
  });

  it('refuses bad input and non-admins with typed errors, writing nothing', async () => {
    const user = await register();
    const input = { trackId: '4uLU6hMCjMI75M1A2tKUQD', geniusSongId: '1', title: 'X', primaryArtist: 'Y', url: 'https://genius.com/x' };
    const forbidden = await graphql('mutation ($input: SetLyricsMatchInput!) { setLyricsMatch(input: $input) { trackId } }', { input }, { token: user.accessToken });
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    const bad = await graphql('query { lyricsMatch(trackId: "not-a-track") { trackId } }');
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions!.field).toBe('trackId');
    expect(await storedMatch(input.trackId)).toBeNull();
  });
});
