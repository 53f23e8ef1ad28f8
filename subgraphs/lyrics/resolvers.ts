/**
 * Lyrics resolvers: a track's Genius match and language (the fields lyrics adds to catalog's
 * Track) and the admin mutations that set them. Reads go through the request's loaders (one
 * MongoDB query per page of tracks); a track with no match yet is matched on the spot from the
 * name and artists the gateway fetched from the catalog (`@requires`), and its language with it.
 * Access rules live in permissions.ts.
 */
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { Resolvers } from './generated/resolvers.js';
import { parseInput, SPOTIFY_ID } from '../../platform/graphql/inputs.js';
import { lyricsMatchArgs, setLyricsMatchArgs, setTrackLanguageArgs } from './inputs.js';
import type { CatalogTrack } from './matching/track-matcher.js';
import type { TrackReference } from './store/documents.js';
import { isMatch, setLyricsMatch } from './store/lyrics-matches.js';
import { setTrackLanguage } from './store/track-languages.js';

/** The catalog's facts the gateway sent with the reference, or null when it sent none (a `language`-only read). */
function catalogTrack(track: TrackReference): CatalogTrack | null {
  const artists = (track.artists ?? []).map((artist) => artist.name ?? '').filter(Boolean);
  if (!track.name || artists.length === 0) return null;
  return { id: track.id, name: track.name, artists, albumName: track.album?.name ?? null };
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    lyricsMatch: async (_root, args, ctx) => {
      const record = await ctx.loaders.record.load(parseInput(lyricsMatchArgs, args).trackId);
      return isMatch(record) ? record : null;
    },
  },
  Mutation: {
    setLyricsMatch: async (_root, args, ctx) => {
      const { input } = parseInput(setLyricsMatchArgs, args);
      const match = await setLyricsMatch(ctx.lyrics, input);
      ctx.log.info({ trackId: match.trackId, geniusSongId: match.geniusSongId }, 'lyrics match set by admin');
      return match;
    },
    setTrackLanguage: async (_root, args, ctx) => {
      const { trackId, language } = parseInput(setTrackLanguageArgs, args);
      await setTrackLanguage(ctx.lyrics, trackId, language);
      return { __typename: 'Track', id: trackId };
    },
  },
  LyricsInfo: {
    geniusSongId: (match) => String(match.geniusSongId),
    artworkUrl: (match) => match.artworkUrl ?? null,
    releaseDate: (match) => match.releaseDate ?? null,
    // Matches stored before automatic matching have no origin: admins set those.
    origin: (match) => (match.origin === 'auto' ? 'AUTOMATIC' : 'ADMIN'),
  },
  Track: {
    // The catalog owns tracks; here a track is its reference. A non-Spotify id has no lyrics or language.
    __resolveReference: (ref) => ref,
    lyrics: async (track, _args, ctx) => {
      if (!SPOTIFY_ID.test(track.id)) return null;
      const record = await ctx.loaders.record.load(track.id);
      if (record) return isMatch(record) ? record : null;
      const facts = catalogTrack(track);
      if (!facts) return null;
      const state = await ctx.loaders.matchNow.load(facts);
      return isMatch(state.record) ? state.record : null;
    },
    language: async (track, _args, ctx) => {
      if (!SPOTIFY_ID.test(track.id)) return null;
      const language = await ctx.loaders.language.load(track.id);
      if (language) return language;
      // The same request asks for `lyrics` (so the gateway sent the catalog's facts): its match brings the language.
      const facts = catalogTrack(track);
      if (facts) {
        const state = await ctx.loaders.matchNow.load(facts).catch(() => null);
        if (state) return state.language;
      }
      // Not computed yet (or Genius is away, which `lyrics` reports): the job computes it.
      ctx.loaders.requestLanguage(track.id);
      return null;
    },
  },
};
