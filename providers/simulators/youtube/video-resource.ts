/**
 * A `youtube#video` resource built from a simulated upload, holding exactly the parts asked for:
 * snippet (title, description, channel, publishedAt, thumbnails, categoryId, tags), contentDetails
 * (ISO 8601 duration), statistics (counts as strings, as the API sends uint64), status
 * (embeddable), player and topicDetails. Owner-only parts (fileDetails, processingDetails,
 * suggestions) are accepted in `part` and left out, as for any caller who does not own the video.
 */
import type { SimVideo, UploadKind } from '../catalogue/types.js';
import { etagOf, videoThumbnails } from './envelope.js';
import { isoDuration } from './iso-duration.js';
import type { YouTubeWorld } from './world.js';

export const VIDEO_PARTS = [
  'id',
  'snippet',
  'contentDetails',
  'statistics',
  'status',
  'player',
  'topicDetails',
  'localizations',
  'liveStreamingDetails',
  'recordingDetails',
  'fileDetails',
  'processingDetails',
  'suggestions',
  'paidProductPlacementDetails',
] as const;
export type VideoPart = (typeof VIDEO_PARTS)[number];

// Words uploaders put in tags for each kind of upload (topic "Art Tracks" carry none).
const KIND_TAGS: Partial<Record<UploadKind, string[]>> = {
  official_video: ['official video', 'music video'],
  official_audio: ['official audio'],
  lyric_video: ['lyrics', 'lyric video'],
  live: ['live', 'concert'],
  cover: ['cover', 'acoustic cover'],
  remix: ['remix'],
  sped_up: ['sped up', 'speed up'],
  slowed: ['slowed', 'slowed reverb'],
  nightcore: ['nightcore'],
  '8d': ['8d audio', '8d'],
  karaoke: ['karaoke', 'instrumental with lyrics'],
  instrumental: ['instrumental'],
};

/** Tags an uploader of this kind would set: the song, the artist and the kind's words. */
export function tagsOf(video: SimVideo, world: YouTubeWorld): string[] | undefined {
  if (video.kind === 'topic') return undefined;
  const song = world.trackOf(video)?.baseName;
  const artist = world.songArtistOf(video)?.name;
  if (video.kind === 'unrelated') return song ? [song.split(' ')[0] ?? song, 'music'] : undefined;
  const tags = [artist, song, artist && song ? `${artist} ${song}` : undefined, ...(KIND_TAGS[video.kind] ?? [])];
  return tags.filter((t): t is string => Boolean(t));
}

export function videoResource(video: SimVideo, parts: Set<VideoPart>, world: YouTubeWorld): Record<string, unknown> {
  const channel = world.channel(video.channelId);
  const track = world.trackOf(video);
  const resource: Record<string, unknown> = { kind: 'youtube#video', etag: '', id: video.id };
  if (parts.has('snippet')) {
    const tags = tagsOf(video, world);
    const language = track && /^[a-z]{2}$/.test(track.language) && video.kind !== 'unrelated' ? track.language : undefined;
    resource.snippet = {
      publishedAt: video.publishedAt,
      channelId: video.channelId,
      title: video.title,
      description: video.description,
      thumbnails: videoThumbnails(video.id, 'full'),
      channelTitle: channel?.title ?? '',
      ...(tags ? { tags } : {}),
      categoryId: video.categoryId,
      liveBroadcastContent: 'none',
      ...(language ? { defaultAudioLanguage: language } : {}),
      localized: { title: video.title, description: video.description },
    };
  }
  if (parts.has('contentDetails')) {
    resource.contentDetails = {
      duration: isoDuration(video.durationSeconds),
      dimension: '2d',
      definition: video.kind === 'topic' || video.kind === 'official_audio' ? 'sd' : 'hd',
      caption: video.kind === 'official_video' || video.kind === 'lyric_video' ? 'true' : 'false',
      licensedContent: channel ? channel.kind !== 'fan' : false,
      contentRating: {},
      projection: 'rectangular',
    };
  }
  if (parts.has('statistics')) {
    resource.statistics = {
      viewCount: String(video.viewCount),
      likeCount: String(video.likeCount),
      favoriteCount: '0',
      commentCount: String(Math.floor(video.likeCount / 40)),
    };
  }
  if (parts.has('status')) {
    resource.status = {
      uploadStatus: 'processed',
      privacyStatus: 'public',
      license: 'youtube',
      embeddable: video.embeddable,
      publicStatsViewable: true,
      madeForKids: false,
    };
  }
  if (parts.has('player')) {
    resource.player = {
      embedHtml: `<iframe width="480" height="270" src="//www.youtube.com/embed/${video.id}" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
    };
  }
  if (parts.has('topicDetails') && video.categoryId === '10') {
    resource.topicDetails = { topicCategories: ['https://en.wikipedia.org/wiki/Music'] };
  }
  resource.etag = etagOf(resource);
  return resource;
}
