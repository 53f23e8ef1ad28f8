/**
 * The uploads of an artist's own channels, listed through the uploads playlist (`UU…`, 1 unit per
 * 50 videos, cached for a day and memoised per run), so one listing serves every track of the
 * artist. The "- Topic" channel comes first: its Art Tracks are Spotify's own audio, one per
 * release. Official / VEVO channels are listed only for tracks the Topic channel did not settle.
 */
import type { ProviderLoaders } from '../../../../providers/index.js';
import { MAX_UPLOAD_PAGES } from '../../../../providers/loaders.js';
import { YOUTUBE_BATCH_SIZE } from '../../../../providers/youtube/data-client.js';
import type { ArtistChannelsDocument } from '../../store/documents.js';

export type ChannelKind = 'topic' | 'official';

/** "UC…" → "UU…": a channel's uploads playlist, as channels.list contentDetails would say, without the call. */
export function uploadsPlaylistOf(channelId: string): string {
  return channelId.startsWith('UC') ? `UU${channelId.slice(2)}` : channelId;
}

export function channelsOfKind(channels: ArtistChannelsDocument | null, kind: ChannelKind): string[] {
  if (!channels) return [];
  return kind === 'topic' ? (channels.topicChannelId ? [channels.topicChannelId] : []) : channels.officialChannelIds;
}

/** The listing stops at the newest MAX_UPLOAD_PAGES × 50 uploads: an artist with more may hold a track beyond it. */
const LISTING_CAP = MAX_UPLOAD_PAGES * YOUTUBE_BATCH_SIZE;

export interface ChannelUploads {
  videoIds: string[];
  /** Some listing reached the cap, so older uploads were not seen. */
  truncated: boolean;
}

/** The video ids uploaded to these channels, newest first (errors thrown: the caller fails the tracks that needed them). */
export async function channelUploads(loaders: ProviderLoaders, channelIds: readonly string[]): Promise<ChannelUploads> {
  const lists = await Promise.all(channelIds.map((id) => loaders.youtubeUploads.load(uploadsPlaylistOf(id))));
  return { videoIds: lists.flatMap((ids) => ids ?? []), truncated: lists.some((ids) => (ids?.length ?? 0) >= LISTING_CAP) };
}
