/**
 * GET /youtube/v3/search (search.list): one call from the separate daily search bucket, no units.
 * Answers ids and snippets only (no durations: clients verify with videos.list), ranked by the
 * relevance model of search-engine.ts, paged with nextPageToken. Video-only filters
 * (videoCategoryId, videoDuration...) require `type=video`, as at YouTube. Titles and descriptions
 * in search snippets are HTML-escaped ("Don&#39;t Stop"), unlike videos.list: a real quirk. The
 * real API also sends `snippet.publishTime`, which the discovery document does not list; it is
 * left out so answers validate strictly against the document.
 */
import type { Router } from 'express';
import { channelThumbnails, listEnvelope, etagOf, videoThumbnails } from '../envelope.js';
import { youtubeErrors } from '../errors.js';
import { listParam, PageTokens, parseBoolean, parseMaxResults, parseParts, stringParam, type Query } from '../params.js';
import type { SearchFilters, SearchHit, SearchOrder } from '../search-engine.js';
import { dataApiRoute, requireUser, type DataApiContext } from './context.js';

const ORDERS: SearchOrder[] = ['relevance', 'date', 'viewCount', 'rating', 'title', 'videoCount'];
const VIDEO_ONLY_FILTERS = [
  'eventType',
  'videoCaption',
  'videoCategoryId',
  'videoDefinition',
  'videoDimension',
  'videoDuration',
  'videoEmbeddable',
  'videoLicense',
  'videoSyndicated',
  'videoType',
];

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function parseTime(query: Query, name: string): number | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(ms)) {
    throw youtubeErrors.invalidValue(name, raw, 'Expected an RFC 3339 date-time, e.g. 1970-01-01T00:00:00Z');
  }
  return ms;
}

function parseFilters(query: Query): SearchFilters {
  const requestedTypes = listParam(query, 'type') ?? ['video', 'channel', 'playlist'];
  const types = new Set(requestedTypes.filter((t): t is 'video' | 'channel' | 'playlist' => ['video', 'channel', 'playlist'].includes(t)));
  const videoOnly = VIDEO_ONLY_FILTERS.some((name) => stringParam(query, name) !== undefined);
  if (videoOnly && (types.size !== 1 || !types.has('video'))) throw youtubeErrors.invalidSearchFilter();
  const order = (stringParam(query, 'order') ?? 'relevance') as SearchOrder;
  if (!ORDERS.includes(order)) throw youtubeErrors.invalidValue('order', order, `Expected one of: ${ORDERS.join(', ')}`);
  const duration = stringParam(query, 'videoDuration');
  return {
    q: stringParam(query, 'q')?.trim() || undefined,
    types,
    channelId: stringParam(query, 'channelId'),
    videoCategoryId: stringParam(query, 'videoCategoryId'),
    videoDuration: duration === 'short' || duration === 'medium' || duration === 'long' ? duration : undefined,
    embeddableOnly: stringParam(query, 'videoEmbeddable') === 'true',
    publishedAfter: parseTime(query, 'publishedAfter'),
    publishedBefore: parseTime(query, 'publishedBefore'),
    order,
  };
}

function searchResult(hit: SearchHit, withSnippet: boolean, ctx: DataApiContext): Record<string, unknown> {
  const result: Record<string, unknown> = { kind: 'youtube#searchResult', etag: '' };
  if (hit.type === 'video') {
    const { video } = hit;
    result.id = { kind: 'youtube#video', videoId: video.id };
    if (withSnippet) {
      result.snippet = {
        publishedAt: video.publishedAt,
        channelId: video.channelId,
        title: escapeHtml(video.title),
        description: escapeHtml(video.description.replace(/\s+/g, ' ').slice(0, 160)),
        thumbnails: videoThumbnails(video.id, 'search'),
        channelTitle: escapeHtml(ctx.world.channel(video.channelId)?.title ?? ''),
        liveBroadcastContent: 'none',
      };
    }
  } else {
    const { channel } = hit;
    result.id = { kind: 'youtube#channel', channelId: channel.id };
    if (withSnippet) {
      const publishedAt = ctx.world.channelPublishedAt(channel);
      result.snippet = {
        publishedAt,
        channelId: channel.id,
        title: escapeHtml(channel.title),
        description: '',
        thumbnails: channelThumbnails(channel.id),
        channelTitle: escapeHtml(channel.title),
        liveBroadcastContent: 'none',
      };
    }
  }
  result.etag = etagOf(result);
  return result;
}

export function registerSearchRoutes(router: Router, ctx: DataApiContext): void {
  const pages = new PageTokens('search');
  router.get(
    '/youtube/v3/search',
    dataApiRoute(ctx, 'search.list', (req, caller) => {
      const parts = parseParts(req.query, ['id', 'snippet'] as const);
      const filters = parseFilters(req.query);
      const maxResults = parseMaxResults(req.query, { min: 0, max: 50, fallback: 5 });
      const offset = pages.decode(req.query);
      // The simulated user uploads nothing, so their own search is empty.
      if (parseBoolean(req.query, 'forMine')) requireUser(caller);
      const { hits, totalResults } = parseBoolean(req.query, 'forMine') ? { hits: [], totalResults: 0 } : ctx.search.search(filters);
      const items = hits.slice(offset, offset + maxResults).map((hit) => searchResult(hit, parts.has('snippet'), ctx));
      return listEnvelope(
        'youtube#searchListResponse',
        items,
        { totalResults, resultsPerPage: maxResults },
        { ...pages.links(offset, maxResults, hits.length, req.query), regionCode: stringParam(req.query, 'regionCode') ?? 'US' },
      );
    }),
  );
}
