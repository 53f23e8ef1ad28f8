/**
 * The generated world: deterministic, the requested size, and realistic in the ways the mapping
 * engine depends on (non-Latin names, remasters, live and featured tracks, same-song releases,
 * uploads of every kind, a few tracks with nothing acceptable on YouTube).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from './generate.js';
import { CHANNEL_ID, ISRC, SPOTIFY_ID, VIDEO_ID } from './ids.js';
import { hasNonLatinLetters } from './text.js';
import type { SimCatalogue, SimTrack } from './types.js';

let world: SimCatalogue;
let tracks: SimTrack[];
const share = (count: number, total: number): number => count / total;

beforeAll(() => {
  const started = performance.now();
  world = generateCatalogue({ seed: 1 });
  console.log(`generateCatalogue (20,000 tracks, 1,000 artists): ${Math.round(performance.now() - started)} ms, ${world.videos.size} videos`);
  tracks = [...world.tracks.values()];
});

describe('determinism', () => {
  it('gives the same world for the same seed, and another for another seed', () => {
    const a = generateCatalogue({ seed: 42, tracks: 1500, artists: 120 });
    const b = generateCatalogue({ seed: 42, tracks: 1500, artists: 120 });
    const c = generateCatalogue({ seed: 43, tracks: 1500, artists: 120 });
    expect(b).toEqual(a);
    expect([...c.tracks.keys()]).not.toEqual([...a.tracks.keys()]);
    expect([...c.artists.values()].map((x) => x.name)).not.toEqual([...a.artists.values()].map((x) => x.name));
  });
});

describe('size and identifiers', () => {
  it('has the requested tracks and artists, every track with its ground truth', () => {
    expect(world.tracks.size).toBe(20_000);
    expect(world.artists.size).toBeGreaterThanOrEqual(1_000);
    expect(world.truth.size).toBe(world.tracks.size);
    for (const track of tracks) expect(world.truth.get(track.id)?.trackId).toBe(track.id);
  });

  it('uses the real id formats, unique across the world', () => {
    const spotifyIds = [...world.tracks.keys(), ...world.albums.keys(), ...world.artists.keys()];
    expect(spotifyIds.every((id) => SPOTIFY_ID.test(id))).toBe(true);
    expect(new Set(spotifyIds).size).toBe(spotifyIds.length);
    expect([...world.videos.keys()].every((id) => VIDEO_ID.test(id))).toBe(true);
    for (const channel of world.channels.values()) {
      expect(channel.id).toMatch(CHANNEL_ID);
      expect(channel.uploadsPlaylistId).toBe(`UU${channel.id.slice(2)}`);
    }
    expect(tracks.every((t) => ISRC.test(t.isrc))).toBe(true);
    expect([...world.albums.values()].every((a) => /^\d{12}$/.test(a.upc))).toBe(true);
  });
});

describe('artists', () => {
  it('include non-Latin and accented names, genres, and channels', () => {
    const artists = [...world.artists.values()].filter((a) => a.name !== 'Various Artists');
    const nonLatin = artists.filter((a) => hasNonLatinLetters(a.name));
    expect(share(nonLatin.length, artists.length)).toBeGreaterThan(0.08);
    expect(nonLatin.some((a) => /\p{Script=Hangul}/u.test(a.name))).toBe(true);
    expect(nonLatin.some((a) => /\p{Script=Katakana}|\p{Script=Han}/u.test(a.name))).toBe(true);
    expect(nonLatin.some((a) => /\p{Script=Cyrillic}/u.test(a.name))).toBe(true);
    expect(artists.some((a) => /[áéíóúñçãõâêôàèìòùäöüåøı]/i.test(a.name))).toBe(true);
    expect(artists.every((a) => a.genres.length > 0 && a.popularity >= 0 && a.popularity <= 100)).toBe(true);
    for (const artist of artists) expect(world.channels.get(artist.topicChannelId!)?.title).toBe(`${artist.name} - Topic`);
    const official = artists.filter((a) => a.officialChannelId !== null).map((a) => world.channels.get(a.officialChannelId!)!);
    expect(share(official.length, artists.length)).toBeGreaterThan(0.3);
    expect(official.some((c) => c.kind === 'vevo' && c.title.endsWith('VEVO'))).toBe(true);
  });
});

describe('releases and tracks', () => {
  it('has albums, singles and compilations, remasters, deluxe and live editions, with year/month/day dates', () => {
    const albums = [...world.albums.values()];
    for (const type of ['album', 'single', 'compilation'] as const) expect(albums.some((a) => a.albumType === type)).toBe(true);
    expect(albums.some((a) => a.edition === 'remaster' && /\((\d{4} Remaster|Remastered( \d{4})?)\)$/.test(a.name))).toBe(true);
    expect(albums.some((a) => a.edition === 'deluxe' && /Deluxe|Expanded|Bonus/.test(a.name))).toBe(true);
    expect(albums.some((a) => a.edition === 'live')).toBe(true);
    const various = [...world.artists.values()].find((a) => a.name === 'Various Artists')!;
    const compilations = albums.filter((a) => a.artistIds[0] === various.id);
    expect(compilations.length).toBeGreaterThan(0);
    expect(compilations.some((a) => new Set(a.trackIds.map((id) => world.tracks.get(id)!.artistIds[0])).size > 3)).toBe(true);
    expect(new Set(albums.map((a) => a.releaseDatePrecision))).toEqual(new Set(['year', 'month', 'day']));
    for (const album of albums) {
      const pattern = { year: /^\d{4}$/, month: /^\d{4}-\d{2}$/, day: /^\d{4}-\d{2}-\d{2}$/ }[album.releaseDatePrecision];
      expect(album.releaseDate).toMatch(pattern);
    }
  });

  it('names versions the way Spotify does, in realistic shares', () => {
    const remasters = tracks.filter((t) => / - (Remastered( \d{4})?|\d{4} Remaster)$/.test(t.name));
    const live = tracks.filter((t) => / - (Live|En Vivo|Ao Vivo|Canlı)( at .+)?$/.test(t.name));
    const featured = tracks.filter((t) => / \((feat\.|with) [^)]+\)/.test(t.name));
    expect(share(remasters.length, tracks.length)).toBeGreaterThan(0.03);
    expect(share(live.length, tracks.length)).toBeGreaterThan(0.03);
    expect(share(featured.length, tracks.length)).toBeGreaterThan(0.08);
    expect(featured.every((t) => t.artistIds.length > 1)).toBe(true);
    expect(remasters.every((t) => t.version === 'remaster' && t.name.startsWith(t.baseName))).toBe(true);
    expect(tracks.every((t) => t.durationMs >= 90_000 && t.durationMs <= 480_000)).toBe(true);
    expect(tracks.some((t) => t.explicit)).toBe(true);
  });

  it('puts the same song on several releases, sharing one Genius song', () => {
    const bySong = new Map<number, SimTrack[]>();
    for (const track of tracks) {
      const song = world.truth.get(track.id)!.geniusSongId;
      if (song !== null) bySong.set(song, [...(bySong.get(song) ?? []), track]);
    }
    const multi = [...bySong.values()].filter((list) => new Set(list.map((t) => t.albumId)).size > 1);
    expect(multi.length).toBeGreaterThan(500);
    // A compilation reuses the recording, so the ISRC repeats; a remaster is a new recording.
    expect(multi.some((list) => new Set(list.map((t) => t.isrc)).size < list.length)).toBe(true);
    expect(multi.some((list) => list.some((t) => t.version === 'remaster') && list.some((t) => t.version === 'studio'))).toBe(true);
    for (const [id, list] of bySong) expect(world.geniusSongs.get(id)!.trackIds).toEqual(expect.arrayContaining(list.map((t) => t.id)));
  });

  it('titles tracks in their language: English mostly, and others in their own script', () => {
    const languages = new Map<string, number>();
    for (const track of tracks) languages.set(track.language, (languages.get(track.language) ?? 0) + 1);
    expect(share(languages.get('en')!, tracks.length)).toBeGreaterThan(0.45);
    for (const language of ['es', 'pt', 'fr', 'de', 'ja', 'ko', 'it', 'ru', 'instrumental']) expect(languages.get(language) ?? 0).toBeGreaterThan(100);
    const ja = tracks.filter((t) => t.language === 'ja');
    expect(share(ja.filter((t) => /\p{Script=Hiragana}|\p{Script=Katakana}/u.test(t.baseName)).length, ja.length)).toBeGreaterThan(0.5);
    const ko = tracks.filter((t) => t.language === 'ko');
    expect(share(ko.filter((t) => /\p{Script=Hangul}/u.test(t.baseName)).length, ko.length)).toBeGreaterThan(0.5);
    expect(tracks.some((t) => t.language === 'es' && /[áéíóúñ]/.test(t.baseName))).toBe(true);
  });
});

describe('YouTube and the ground truth', () => {
  it('holds every kind of upload, with realistic titles', () => {
    const videos = [...world.videos.values()];
    const kinds = new Set(videos.map((v) => v.kind));
    for (const kind of ['topic', 'official_video', 'official_audio', 'lyric_video', 'live', 'cover', 'remix', 'sped_up', 'slowed', 'nightcore', '8d', 'karaoke', 'instrumental', 'fan_upload', 'unrelated'] as const) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    expect(videos.some((v) => v.kind === 'lyric_video' && v.title.endsWith('(Lyrics)'))).toBe(true);
    expect(videos.some((v) => v.kind === 'official_video' && /\(Official (Music )?Video\)/.test(v.title))).toBe(true);
    expect(videos.some((v) => v.kind === 'sped_up' && /sped up/i.test(v.title))).toBe(true);
    const topic = videos.filter((v) => v.kind === 'topic');
    expect(topic.every((v) => v.description.startsWith('Provided to YouTube by ') && world.channels.get(v.channelId)!.title.endsWith(' - Topic'))).toBe(true);
    expect(videos.every((v) => !Number.isNaN(Date.parse(v.publishedAt)) && v.durationSeconds > 0 && v.viewCount >= 0)).toBe(true);
  });

  it("gives each track's own Art Track its duration within a second", () => {
    let checked = 0;
    for (const video of world.videos.values()) {
      if (video.kind !== 'topic') continue;
      const track = world.tracks.get(video.trackId)!;
      expect(Math.abs(video.durationSeconds - track.durationMs / 1000)).toBeLessThanOrEqual(1.5);
      checked++;
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('prefers the Art Track as best, accepts only faithful uploads, and leaves 5-8% of tracks without any', () => {
    const truths = [...world.truth.values()];
    const none = truths.filter((t) => t.acceptableVideoIds.length === 0);
    expect(share(none.length, truths.length)).toBeGreaterThanOrEqual(0.05);
    expect(share(none.length, truths.length)).toBeLessThanOrEqual(0.08);
    expect(none.every((t) => t.bestVideoId === null)).toBe(true);
    const withBest = truths.filter((t) => t.bestVideoId !== null);
    expect(withBest.every((t) => t.acceptableVideoIds.includes(t.bestVideoId!))).toBe(true);
    expect(share(withBest.filter((t) => world.videos.get(t.bestVideoId!)!.kind === 'topic').length, withBest.length)).toBeGreaterThan(0.85);
    const never = new Set(['cover', 'remix', 'sped_up', 'slowed', 'nightcore', '8d', 'karaoke', 'instrumental', 'unrelated']);
    for (const truth of truths) for (const id of truth.acceptableVideoIds) expect(never.has(world.videos.get(id)!.kind)).toBe(false);
    // Official videos with long intros are uploads of the song but not acceptable.
    expect(truths.some((t) => t.uploads.some((u) => u.kind === 'official_video' && !t.acceptableVideoIds.includes(u.videoId)))).toBe(true);
  });

  it('lets Odesli know about 60% of tracks and Genius most songs, with lyrics URLs', () => {
    const truths = [...world.truth.values()];
    const odesli = truths.filter((t) => t.odesliVideoId !== null);
    expect(share(odesli.length, truths.length)).toBeGreaterThan(0.5);
    expect(share(odesli.length, truths.length)).toBeLessThan(0.7);
    expect(share(odesli.filter((t) => t.odesliVideoId === t.bestVideoId).length, odesli.length)).toBeGreaterThan(0.75);
    const songs = [...world.geniusSongs.values()];
    expect(songs.every((s) => /^https:\/\/genius\.com\/[A-Z][a-z0-9-]*-lyrics$/.test(s.url))).toBe(true);
    expect(songs.some((s) => s.language === null)).toBe(true);
    expect(share(songs.filter((s) => s.youtubeVideoId !== null).length, songs.length)).toBeGreaterThan(0.2);
    expect(songs.every((s) => world.geniusArtists.has(s.primaryArtistId))).toBe(true);
  });
});
