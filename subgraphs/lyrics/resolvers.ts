/**
 * Lyrics resolvers: a track's Genius match and language (the fields lyrics adds to catalog's
 * Track) and the admin mutations that set them. Access rules live in permissions.ts.
 */
import { scalarResolvers } from '../../platform/graphql/scalars.js';
import type { Resolvers } from './generated/resolvers.js';
import { parseInput, SPOTIFY_ID } from '../../platform/graphql/inputs.js';
import { lyricsMatchArgs, setLyricsMatchArgs, setTrackLanguageArgs } from './inputs.js';
import { findLyricsMatch, setLyricsMatch } from './store/lyrics-matches.js';
import { findTrackLanguage, setTrackLanguage } from './store/track-languages.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    lyricsMatch: (_root, args, ctx) => findLyricsMatch(ctx.lyrics, parseInput(lyricsMatchArgs, args).trackId),
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
  },
  Track: {
    // The catalog owns tracks; here a track is its id. A non-Spotify id has no lyrics or language.
    __resolveReference: (ref) => ({ id: ref.id }),
    lyrics: (track, _args, ctx) => (SPOTIFY_ID.test(track.id) ? findLyricsMatch(ctx.lyrics, track.id) : null),
    language: (track, _args, ctx) => (SPOTIFY_ID.test(track.id) ? findTrackLanguage(ctx.lyrics, track.id) : null),
  },
};
