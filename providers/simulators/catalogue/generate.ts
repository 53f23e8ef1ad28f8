/**
 * Generates the simulated world every simulator serves: artists, albums and tracks (Spotify),
 * channels and uploads (YouTube), songs (Genius), Odesli's partial knowledge, and the ground truth
 * per track. Deterministic: the same seed and sizes give the same world, id for id. Fast: the
 * default 20,000 tracks / 1,000 artists take a few hundred milliseconds.
 */
import { generateArtists, variousArtists, type ArtistProfile } from './artists.js';
import { ChannelRegistry } from './channels.js';
import { DiscographyBuilder, type SongDraft } from './discography.js';
import { generateGeniusSongs } from './genius.js';
import { IdMinter } from './ids.js';
import { createRandom, type Random } from './random.js';
import { trackTruth } from './truth.js';
import type { SimAlbum, SimArtist, SimCatalogue, SimTrack, TrackTruth } from './types.js';
import { UploadGenerator, type UploadDraft } from './uploads.js';

export interface CatalogueOptions {
  seed: number;
  tracks?: number;
  artists?: number;
}

export const DEFAULT_TRACKS = 20_000;
export const DEFAULT_ARTISTS = 1_000;

export function generateCatalogue({ seed, tracks = DEFAULT_TRACKS, artists = DEFAULT_ARTISTS }: CatalogueOptions): SimCatalogue {
  const random = createRandom(seed);
  const ids = new IdMinter(random.fork('ids'));
  const channels = new ChannelRegistry(ids, random.fork('channels'));
  const profiles = generateArtists(random.fork('artists'), ids, channels, artists);
  const various = variousArtists(ids);

  const builder = new DiscographyBuilder(random.fork('discography'), ids, profiles);
  const budgets = trackBudgets(random.fork('budgets'), profiles, Math.round(tracks * 0.97));
  profiles.forEach((profile, i) => builder.artistDiscography(profile, budgets[i]!));
  builder.variousArtistsCompilations(various.id, tracks - budgets.reduce((sum, n) => sum + n, 0));
  const { albums, songs, recordingOf } = builder.result();

  // Some songs never reached YouTube officially; obscure ones more often.
  const absence = random.fork('absence');
  for (const song of songs) song.absentFromYouTube = absence.chance(0.075 * (1 - song.fame));

  const albumsById = new Map<string, SimAlbum>(albums.map((a) => [a.id, a]));
  const profilesById = new Map<string, ArtistProfile>(profiles.map((p) => [p.artist.id, p]));
  const uploads = new UploadGenerator(random.fork('uploads'), ids, channels, albumsById, profilesById);
  for (const song of songs) uploads.song(song);
  const uploadsBySong = groupBySong(uploads.uploads);

  const genius = generateGeniusSongs(random.fork('genius'), ids, songs, uploadsBySong);
  const odesli = random.fork('odesli');
  const truth = new Map<string, TrackTruth>();
  const trackMap = new Map<string, SimTrack>();
  for (const song of songs) {
    const songUploads = uploadsBySong.get(song) ?? [];
    const uploadList = songUploads.map((u) => ({ videoId: u.video.id, kind: u.video.kind }));
    for (const track of song.tracks) {
      const recording = recordingOf.get(track.id)!;
      track.version = recording.version;
      trackMap.set(track.id, track);
      const facts = trackTruth(track, recording, songUploads, uploadList, genius.get(song)?.id ?? null);
      truth.set(track.id, { ...facts, ...odesliAnswer(odesli, facts.bestVideoId, songUploads) });
    }
  }

 
  const artistMap = new Map<string, SimArtist>(profiles.map((p) => [p.artist.id, p.artist]));
  artistMap.set(various.id, various);
  return {
    seed,
    artists: artistMap,
    albums: albumsById,
    tracks: trackMap,
    channels: channels.channels,
    videos: uploads.videos,
    geniusSongs: new Map([...genius.values()].map((g) => [g.id, g])),
    geniusArtists: new Map(profiles.map((p) => [p.artist.geniusArtistId, { id: p.artist.geniusArtistId, artistId: p.artist.id }])),
    truth,
  };
}

/** Splits the tracks among artists: better-known artists have bigger catalogues. */
function trackBudgets(random: Random, profiles: readonly ArtistProfile[], total: number): number[] {
  const weights = profiles.map((p) => 0.4 + p.fame * 2.5 + random.next() * 0.6);
  const sum = weights.reduce((a, b) => a + b, 0);
  const budgets = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  // Tiny worlds (more artists than tracks): trim the biggest budgets back to the total.
  for (let excess = budgets.reduce((a, b) => a + b, 0) - total; excess > 0; excess--) {
    const largest = budgets.indexOf(Math.max(...budgets));
    budgets[largest]! -= 1;
  }
  return budgets;
}

function groupBySong(uploads: readonly UploadDraft[]): Map<SongDraft, UploadDraft[]> {
  const bySong = new Map<SongDraft, UploadDraft[]>();
  for (const upload of uploads) {
    const list = bySong.get(upload.song);
    if (list) list.push(upload);
    else bySong.set(upload.song, [upload]);
  }
  return bySong;
}

/** Odesli knows about 60% of tracks (64% drawn, fewer answered where nothing fits); it usually answers the best upload, sometimes the official video. */
function odesliAnswer(random: Random, bestVideoId: string | null, songUploads: readonly UploadDraft[]): Pick<TrackTruth, 'odesliKnown' | 'odesliVideoId'> {
  if (!random.chance(0.64)) return { odesliKnown: false, odesliVideoId: null };
  const officialVideo = songUploads.find((u) => u.video.kind === 'official_video')?.video.id ?? null;
  if (bestVideoId === null) return { odesliKnown: true, odesliVideoId: random.chance(0.15) ? officialVideo : null };
  const roll = random.next();
  if (roll < 0.85) return { odesliKnown: true, odesliVideoId: bestVideoId };
  if (roll < 0.95 && officialVideo) return { odesliKnown: true, odesliVideoId: officialVideo };
  return { odesliKnown: true, odesliVideoId: songUploads.find((u) => u.video.kind === 'topic')?.video.id ?? bestVideoId };
}
