/**
 * The YouTube Data API v3 under the app's API key: `videos.list` (verification of candidates),
 * `search.list` (the scarcest call in the whole system), `channels.list` and `playlistItems.list`
 * (an artist's uploads, 1 unit per 50 videos). Every call is paid for in the shared quota first
 * (quota/youtube-quota.ts) with the caller's priority; a `403 quotaExceeded` from YouTube itself
 * marks the bucket spent for every replica. Raw and uncached: callers use the loaders.
 */
import type { z } from 'zod';
import { config } from '../../platform/config.js';
import { ProviderRejection, ProviderUnavailableError } from '../http/errors.js';
import { ProviderHttp, type ProviderResponse } from '../http/provider-http.js';
import type { CallerPriority } from '../quota/priority.js';
import { YOUTUBE_COST, type YouTubeMethod, type YouTubeQuota } from '../quota/youtube-quota.js';
import {
  channelListSchema,
  googleErrorSchema,
  playlistItemListSchema,
  searchListSchema,
  videoListSchema,
  type YouTubeChannel,
  type YouTubePlaylistItemPage,
  type YouTubeSearchPage,
  type YouTubeVideo,
} from './schemas.js';

/** Ids per `videos.list` / `channels.list` call, and items per page. */
export const YOUTUBE_BATCH_SIZE = 50;

export interface YouTubeSearchOptions {
  maxResults?: number;
  pageToken?: string;
  channelId?: string;
}

export class YouTubeData {
  private readonly http: ProviderHttp;

  constructor(private readonly options: { apiUrl: string; apiKey: string; quota: YouTubeQuota; http?: ProviderHttp }) {
    this.http = options.http ?? new ProviderHttp('youtube');
  }

  /** Videos by id (at most 50): snippet, duration, statistics and whether they can be embedded. */
  async videos(ids: readonly string[], priority: CallerPriority): Promise<Map<string, YouTubeVideo | null>> {
    const unique = [...new Set(ids)];
    if (unique.length > YOUTUBE_BATCH_SIZE) throw new Error(`at most ${YOUTUBE_BATCH_SIZE} videos per call`);
    if (!unique.length) return new Map();
    const { items } = await this.call('videos.list', '/videos', videoListSchema, priority, {
      part: 'snippet,contentDetails,statistics,status',
      id: unique.join(','),
      maxResults: String(YOUTUBE_BATCH_SIZE),
    });
    const found = new Map<string, YouTubeVideo | null>(unique.map((id) => [id, null]));
    for (const video of items) found.set(video.id, video);
    return found;
  }

  /** One page of video search results (ids and snippets; durations need `videos`). */
  search(query: string, priority: CallerPriority, options: YouTubeSearchOptions = {}): Promise<YouTubeSearchPage> {
    return this.call('search.list', '/search', searchListSchema, priority, {
      part: 'snippet',
      q: query,
      type: 'video',
      maxResults: String(Math.min(options.maxResults ?? 10, YOUTUBE_BATCH_SIZE)),
      ...(options.channelId ? { channelId: options.channelId } : {}),
      ...(options.pageToken ? { pageToken: options.pageToken } : {}),
    });
  }

  async channels(ids: readonly string[], priority: CallerPriority): Promise<Map<string, YouTubeChannel | null>> {
    const unique = [...new Set(ids)];
    if (unique.length > YOUTUBE_BATCH_SIZE) throw new Error(`at most ${YOUTUBE_BATCH_SIZE} channels per call`);
    if (!unique.length) return new Map();
    const { items } = await this.call('channels.list', '/channels', channelListSchema, priority, {
      part: 'snippet,contentDetails,statistics',
      id: unique.join(','),
      maxResults: String(YOUTUBE_BATCH_SIZE),
    });
    const found = new Map<string, YouTubeChannel | null>(unique.map((id) => [id, null]));
    for (const channel of items) found.set(channel.id, channel);
    return found;
  }

  /** One page (50) of a playlist, e.g. a channel's uploads playlist `UU…`; an empty page when there is no such playlist. */
  playlistItems(playlistId: string, priority: CallerPriority, pageToken?: string): Promise<YouTubePlaylistItemPage> {
    const query = { part: 'snippet,contentDetails', playlistId, maxResults: String(YOUTUBE_BATCH_SIZE), ...(pageToken ? { pageToken } : {}) };
    return this.call('playlistItems.list', '/playlistItems', playlistItemListSchema, priority, query, () => ({ items: [] }));
  }

  private async call<T>(
    method: YouTubeMethod,
    path: string,
    schema: z.ZodType<T>,
    priority: CallerPriority,
    query: Record<string, string>,
    notFound?: () => T,
  ): Promise<T> {
    await this.options.quota.spend(method, priority);
    const url = new URL(this.options.apiUrl.replace(/\/$/, '') + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    url.searchParams.set('key', this.options.apiKey);
    try {
      return await this.http.request({ endpoint: `GET ${path}`, url, schema, interpret: (response) => this.interpret(method, response) });
    } catch (error) {
      if (error instanceof ProviderRejection) {
        if (error.status === 404 && notFound) return notFound();
        // 401/403 (quota aside, see interpret): the key is refused; anything else is a request we got wrong.
        const reason = error.status === 401 || error.status === 403 ? 'UNAUTHORIZED' : 'REJECTED';
        throw new ProviderUnavailableError('youtube', reason, `${method} answered ${error.status}`);
      }
      throw error;
    }
  }

  private async interpret(method: YouTubeMethod, response: ProviderResponse): Promise<void> {
    if (response.status !== 403) return;
    const body = googleErrorSchema.safeParse(response.body);
    const reason = body.success ? body.data.error.errors?.[0]?.reason : undefined;
    if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
      throw await this.options.quota.markSpent(YOUTUBE_COST[method].bucket);
    }
  }
}

export function youTubeDataFromConfig(quota: YouTubeQuota): YouTubeData {
  const c = config();
  return new YouTubeData({ apiUrl: c.YOUTUBE_API_URL, apiKey: c.YOUTUBE_API_KEY ?? '', quota });
}
