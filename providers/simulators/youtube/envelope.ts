/**
 * What every YouTube resource and list answer shares: etags (27 characters of base64url, as Google's
 * look), thumbnails at YouTube's standard sizes, and the list envelope
 * `{kind, etag, nextPageToken?, prevPageToken?, pageInfo, items}`.
 */
import { createHash } from 'node:crypto';

export interface Thumbnail {
  url: string;
  width: number;
  height: number;
}

export function etagOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 27);
}

const VIDEO_THUMBNAILS = [
  ['default', 'default', 120, 90],
  ['medium', 'mqdefault', 320, 180],
  ['high', 'hqdefault', 480, 360],
  ['standard', 'sddefault', 640, 480],
  ['maxres', 'maxresdefault', 1280, 720],
] as const;

/** i.ytimg.com thumbnails; search results carry only default / medium / high, videos.list all five. */
export function videoThumbnails(videoId: string, sizes: 'search' | 'full'): Record<string, Thumbnail> {
  const wanted = sizes === 'search' ? VIDEO_THUMBNAILS.slice(0, 3) : VIDEO_THUMBNAILS;
  return Object.fromEntries(
    wanted.map(([key, file, width, height]) => [key, { url: `https://i.ytimg.com/vi/${videoId}/${file}.jpg`, width, height }]),
  );
}

/** Channel avatars: yt3.ggpht.com at 88, 240 and 800 pixels. */
export function channelThumbnails(channelId: string): Record<string, Thumbnail> {
  const base = `https://yt3.ggpht.com/sim-${channelId}`;
  return {
    default: { url: `${base}=s88-c-k-c0x00ffffff-no-rj`, width: 88, height: 88 },
    medium: { url: `${base}=s240-c-k-c0x00ffffff-no-rj`, width: 240, height: 240 },
    high: { url: `${base}=s800-c-k-c0x00ffffff-no-rj`, width: 800, height: 800 },
  };
}

/**
 * A list answer. `omitEmptyItems` reproduces channels.list, which leaves `items` out entirely when
 * nothing matched (videos.list and the others answer `items: []`).
 */
export function listEnvelope<Item>(
  kind: string,
  items: Item[],
  pageInfo: { totalResults: number; resultsPerPage: number },
  extra: Record<string, unknown> = {},
  omitEmptyItems = false,
): Record<string, unknown> {
  const body: Record<string, unknown> = { kind, etag: '', ...extra, pageInfo };
  if (items.length > 0 || !omitEmptyItems) body.items = items;
  body.etag = etagOf(body);
  return body;
}
