/**
 * `search.list`, the last resort: one call from a bucket of 100 a day. Used only for a track that
 * nothing cheaper settled and whose artist's Topic channel is unknown, so the search also serves as the
 * channel discovery for the artist's other tracks (its results name their channels). Results are
 * cached for a week by query.
 */
import type { ProviderLoaders } from '../../../../providers/index.js';
import type { SpotifyTrackFacts } from '../scoring/index.js';
import { coreTitle, versionWords } from '../text.js';
import { SEARCH_RESULTS } from '../policy.js';
import type { ChannelSighting } from './artist-channels.js';

export interface SearchHits {
  videoIds: string[];
  /** The channels of the results, for channel discovery. */
  sightings: ChannelSighting[];
}

export function searchQuery(track: SpotifyTrackFacts): string {
  return [track.artists[0] ?? '', coreTitle(track.name), ...versionWords(track.name)].join(' ').trim();
}

export async function searchTrack(loaders: ProviderLoaders, track: SpotifyTrackFacts): Promise<SearchHits> {
  const page = await loaders.youtubeSearch.load({ query: searchQuery(track), maxResults: SEARCH_RESULTS });
  const items = page?.items ?? [];
  return {
    videoIds: items.flatMap((item) => (item.id.videoId ? [item.id.videoId] : [])),
    sightings: items.flatMap((item) => (item.snippet ? [{ channelId: item.snippet.channelId, channelTitle: item.snippet.channelTitle }] : [])),
  };
}
