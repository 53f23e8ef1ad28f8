/**
 * A `youtube#channel` resource: snippet (title, handle as customUrl, thumbnails), contentDetails
 * (relatedPlaylists.uploads, the "UU..." playlist playlistItems.list reads), statistics (the
 * subscriber count rounded to three significant figures, as YouTube has shown it since 2019) and
 * status. Works for catalogue channels and for the simulated Google user's own channel.
 */
import type { SimChannel } from '../catalogue/types.js';
import { channelThumbnails, etagOf } from './envelope.js';
import { handleOf, type YouTubeWorld } from './world.js';

export const CHANNEL_PARTS = [
  'id',
  'snippet',
  'contentDetails',
  'statistics',
  'status',
  'brandingSettings',
  'topicDetails',
  'localizations',
  'contentOwnerDetails',
  'auditDetails',
] as const;
export type ChannelPart = (typeof CHANNEL_PARTS)[number];

function descriptionOf(channel: SimChannel, artistName: string | undefined): string {
  switch (channel.kind) {
    case 'topic':
      return ''; // auto-generated channels have no description
    case 'vevo':
      return `${artistName ?? channel.title} on Vevo - Official Music Videos, Live Performances, Interviews and more...`;
    case 'official':
      return `The official YouTube channel of ${artistName ?? channel.title}.`;
    case 'label':
      return `Official channel of ${channel.title}. New music every Friday.`;
    case 'fan':
      return 'Covers, remixes and the songs I love. Subscribe for more!';
  }
}

/** YouTube's public subscriber counts keep three significant figures (1,234,567 → 1,230,000). */
export function roundSubscribers(count: number): number {
  if (count < 1000) return count;
  const magnitude = 10 ** (Math.floor(Math.log10(count)) - 2);
  return Math.floor(count / magnitude) * magnitude;
}

export interface ChannelOwnerView {
  /** The caller owns the channel: its likes playlist is visible. */
  mine: boolean;
  publishedAt?: string;
}

export function channelResource(
  channel: SimChannel,
  parts: Set<ChannelPart>,
  world: YouTubeWorld,
  owner: ChannelOwnerView = { mine: false },
): Record<string, unknown> {
  const artist = world.artistOfChannel(channel.id);
  const description = descriptionOf(channel, artist?.name);
  const resource: Record<string, unknown> = { kind: 'youtube#channel', etag: '', id: channel.id };
  if (parts.has('snippet')) {
    resource.snippet = {
      title: channel.title,
      description,
      customUrl: handleOf(channel),
      publishedAt: owner.publishedAt ?? world.channelPublishedAt(channel),
      thumbnails: channelThumbnails(channel.id),
      localized: { title: channel.title, description },
      ...(channel.kind === 'topic' ? {} : { country: 'US' }),
    };
  }
  if (parts.has('contentDetails')) {
    resource.contentDetails = { relatedPlaylists: { likes: owner.mine ? 'LL' : '', uploads: channel.uploadsPlaylistId } };
  }
  if (parts.has('statistics')) {
    resource.statistics = {
      viewCount: String(world.channelViewCount(channel)),
      subscriberCount: String(roundSubscribers(channel.subscriberCount)),
      hiddenSubscriberCount: false,
      videoCount: String(world.uploadsOf(channel.id).length),
    };
  }
  if (parts.has('status')) {
    resource.status = { privacyStatus: 'public', isLinked: true, longUploadsStatus: 'longUploadsUnspecified', madeForKids: false };
  }
  if (parts.has('brandingSettings')) {
    resource.brandingSettings = { channel: { title: channel.title, description } };
  }
  if (parts.has('topicDetails') && channel.kind !== 'fan') {
    resource.topicDetails = { topicCategories: ['https://en.wikipedia.org/wiki/Music'] };
  }
  resource.etag = etagOf(resource);
  return resource;
}
