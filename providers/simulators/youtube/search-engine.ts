/**
 * The relevance model of the simulated search.list. Real YouTube, asked "artist song", ranks the
 * official video and the topic "Art Track" near the top, then lyric videos, live versions, covers,
 * remixes and edits, and a few uploads of other songs that share words. Here an upload's rank is
 * how much of the query its title / channel / tags / description cover (rare words weigh more),
 * times its popularity, times a prior per kind of upload standing in for YouTube's engagement and
 * authority signals, with a little deterministic noise so rankings are not suspiciously clean.
 * As on YouTube, a query word written "-word" excludes uploads whose title or channel holds it.
 */
import type { SimChannel, SimVideo, UploadKind } from '../catalogue/types.js';
import { phraseOf, TokenIndex, tokenise } from './text-match.js';
import { tagsOf } from './video-resource.js';
import type { YouTubeWorld } from './world.js';

/** Real search stops paging after about 500 results. */
export const MAX_SEARCH_RESULTS = 500;
/** How much of a description search reads: the opening lines, where uploaders put the song and artist. */
const DESCRIPTION_CHARS = 240;
/** Below this share of the query's weight an upload is not a result. */
const MIN_COVERAGE = 0.5;

const KIND_PRIOR: Record<UploadKind, number> = {
  official_video: 1.0,
  topic: 0.95,
  official_audio: 0.9,
  lyric_video: 0.8,
  live: 0.65,
  fan_upload: 0.6,
  cover: 0.55,
  remix: 0.55,
  sped_up: 0.5,
  slowed: 0.5,
  nightcore: 0.45,
  '8d': 0.45,
  karaoke: 0.45,
  instrumental: 0.45,
  unrelated: 0.5,
};

export type SearchOrder = 'relevance' | 'date' | 'viewCount' | 'rating' | 'title' | 'videoCount';

export interface SearchFilters {
  q?: string;
  types: Set<'video' | 'channel' | 'playlist'>;
  channelId?: string;
  videoCategoryId?: string;
  videoDuration?: 'short' | 'medium' | 'long';
  embeddableOnly: boolean;
  publishedAfter?: number;
  publishedBefore?: number;
  order: SearchOrder;
}

export type SearchHit = { type: 'video'; video: SimVideo } | { type: 'channel'; channel: SimChannel };

interface Ranked {
  hit: SearchHit;
  score: number;
}

/** The words to match and the "-words" to exclude. */
export function parseQuery(q: string): { matching: string; excluded: Set<string> } {
  const words = q.split(/\s+/).filter(Boolean);
  const excluded = words.filter((w) => w.length > 1 && w.startsWith('-')).flatMap((w) => tokenise(w.slice(1)));
  return { matching: words.filter((w) => !(w.length > 1 && w.startsWith('-'))).join(' '), excluded: new Set(excluded) };
}

/** 0.92-1.08, fixed per query and upload (FNV-1a: cheap enough for every candidate). */
function noise(query: string, id: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${query}|${id}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return 0.92 + ((hash & 0xff) / 255) * 0.16;
}

/** `part` occurs in `whole` as whole words. */
function within(whole: string, part: string): boolean {
  return ` ${whole} `.includes(` ${part} `);
}

function popularity(count: number): number {
  return 0.5 + Math.log10(count + 10) / 10;
}

export class SearchEngine {
  private videoList: SimVideo[] = [];
  private channelList: SimChannel[] = [];
  private videoIndex?: TokenIndex;
  private channelIndex?: TokenIndex;
  private readonly recent = new Map<string, Ranked[]>();

  constructor(private readonly world: YouTubeWorld) {}

  /** Every result of a search, best first (at most MAX_SEARCH_RESULTS); pages are slices of it. */
  search(filters: SearchFilters): { hits: SearchHit[]; totalResults: number } {
    const key = JSON.stringify(filters, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v));
    let ranked = this.recent.get(key);
    if (!ranked) {
      ranked = this.rank(filters);
      this.recent.set(key, ranked);
      // A small memo: a client paging through one query does not pay for re-ranking.
      if (this.recent.size > 200) this.recent.delete(this.recent.keys().next().value!);
    }
    return { hits: ranked.slice(0, MAX_SEARCH_RESULTS).map((r) => r.hit), totalResults: ranked.length };
  }

  private rank(filters: SearchFilters): Ranked[] {
    const ranked: Ranked[] = [];
    if (filters.types.has('video')) ranked.push(...this.rankVideos(filters));
    if (filters.types.has('channel') && !filters.videoCategoryId) ranked.push(...this.rankChannels(filters));
    const by = (value: (hit: SearchHit) => number | string, descending: boolean) =>
      ranked.sort((a, b) => {
        const [x, y] = [value(a.hit), value(b.hit)];
        return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1) || b.score - a.score;
      });
    switch (filters.order) {
      case 'date':
        return by((h) => (h.type === 'video' ? h.video.publishedAt : this.world.channelPublishedAt(h.channel)), true);
      case 'viewCount':
        return by((h) => (h.type === 'video' ? h.video.viewCount : this.world.channelViewCount(h.channel)), true);
      case 'rating':
        return by((h) => (h.type === 'video' ? h.video.likeCount : 0), true);
      case 'title':
        return by((h) => (h.type === 'video' ? h.video.title : h.channel.title).toLowerCase(), false);
      case 'videoCount':
        return by((h) => (h.type === 'channel' ? this.world.uploadsOf(h.channel.id).length : 0), true);
      default:
        return ranked.sort((a, b) => b.score - a.score);
    }
  }

  private rankVideos(filters: SearchFilters): Ranked[] {
    const pool = filters.channelId ? this.world.uploadsOf(filters.channelId) : undefined;
    const { matching, excluded } = parseQuery(filters.q ?? '');
    const matches = matching ? this.matchVideos(matching, pool) : (pool ?? this.videos()).map((video) => ({ video, coverage: 1 }));
    const queryPhrase = phraseOf(matching);
    const queryTokens = new Set(tokenise(matching));
    const ranked: Ranked[] = [];
    for (const { video, coverage } of matches) {
      if (!this.passes(video, filters)) continue;
      if (excluded.size && this.mentions(video, excluded)) continue;
      let phrase = 1;
      let extraWords = 0;
      if (queryPhrase) {
        const titleTokens = tokenise(video.title);
        const titlePhrase = titleTokens.join(' ');
        // The query as a phrase in the title, or the whole title inside the query (a topic upload's bare song title).
        if (titlePhrase && (within(titlePhrase, queryPhrase) || within(queryPhrase, titlePhrase))) phrase = 1.15;
        extraWords = titleTokens.filter((t) => !queryTokens.has(t)).length;
      }
      const score =
        coverage ** 3 *
        popularity(video.viewCount) *
        KIND_PRIOR[video.kind] *
        phrase *
        (1 / (1 + 0.03 * extraWords)) *
        noise(queryPhrase, video.id);
      ranked.push({ hit: { type: 'video', video }, score });
    }
    return ranked;
  }

  private matchVideos(q: string, pool: SimVideo[] | undefined): { video: SimVideo; coverage: number }[] {
    const videos = this.videos();
    const scores = this.indexOfVideos().score(q);
    const allowed = pool ? new Set(pool.map((v) => v.id)) : undefined;
    const matches: { video: SimVideo; coverage: number }[] = [];
    for (const [doc, coverage] of scores) {
      const video = videos[doc]!;
      if (coverage < MIN_COVERAGE || (allowed && !allowed.has(video.id))) continue;
      matches.push({ video, coverage });
    }
    return matches;
  }

  private mentions(video: SimVideo, words: Set<string>): boolean {
    const text = `${video.title} ${this.world.channel(video.channelId)?.title ?? ''}`;
    return tokenise(text).some((token) => words.has(token));
  }

  private passes(video: SimVideo, filters: SearchFilters): boolean {
    if (filters.videoCategoryId && video.categoryId !== filters.videoCategoryId) return false;
    if (filters.embeddableOnly && !video.embeddable) return false;
    if (filters.videoDuration === 'short' && video.durationSeconds >= 240) return false;
    if (filters.videoDuration === 'medium' && (video.durationSeconds < 240 || video.durationSeconds > 1200)) return false;
    if (filters.videoDuration === 'long' && video.durationSeconds <= 1200) return false;
    const published = Date.parse(video.publishedAt);
    if (filters.publishedAfter !== undefined && published < filters.publishedAfter) return false;
    if (filters.publishedBefore !== undefined && published >= filters.publishedBefore) return false;
    return true;
  }

  private rankChannels(filters: SearchFilters): Ranked[] {
    const channels = this.channels();
    const { matching } = parseQuery(filters.q ?? '');
    const scores = matching
      ? this.indexOfChannels().score(matching)
      : new Map(channels.map((_, i) => [i, 1] as [number, number]));
    const ranked: Ranked[] = [];
    for (const [doc, coverage] of scores) {
      const channel = channels[doc]!;
      if (coverage < 0.75 || (filters.channelId && channel.id !== filters.channelId)) continue;
      ranked.push({ hit: { type: 'channel', channel }, score: coverage ** 3 * popularity(channel.subscriberCount) * 1.05 });
    }
    return ranked;
  }

  private videos(): SimVideo[] {
    if (this.videoList.length === 0) this.videoList = [...this.world.catalogue.videos.values()];
    return this.videoList;
  }

  private channels(): SimChannel[] {
    if (this.channelList.length === 0) this.channelList = [...this.world.catalogue.channels.values()];
    return this.channelList;
  }

  // Built on the first search, not at start-up: most runs never search.
  private indexOfVideos(): TokenIndex {
    if (!this.videoIndex) {
      const index = new TokenIndex();
      const channelTokens = new Map<string, string[]>(); // thousands of uploads share a channel
      this.videos().forEach((video, doc) => {
        let channel = channelTokens.get(video.channelId);
        if (!channel) channelTokens.set(video.channelId, (channel = tokenise(this.world.channel(video.channelId)?.title ?? '')));
        index.add(doc, [
          { tokens: tokenise(video.title), weight: 1 },
          { tokens: channel, weight: 0.8 },
          { tokens: tokenise((tagsOf(video, this.world) ?? []).join(' ')), weight: 0.6 },
          { tokens: tokenise(video.description.slice(0, DESCRIPTION_CHARS)), weight: 0.4 },
        ]);
      });
      this.videoIndex = index;
    }
    return this.videoIndex;
  }

  private indexOfChannels(): TokenIndex {
    if (!this.channelIndex) {
      const index = new TokenIndex();
      this.channels().forEach((channel, doc) => index.add(doc, [{ tokens: tokenise(channel.title), weight: 1 }]));
      this.channelIndex = index;
    }
    return this.channelIndex;
  }
}
