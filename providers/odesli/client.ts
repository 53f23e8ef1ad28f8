/**
 * Odesli (song.link): given a Spotify track, the same song's links on other platforms, YouTube
 * among them, for free. It allows few requests (10 a minute without a key), so calls are paced by
 * a limiter shared in Redis by every replica (rate-limiter-flexible): background callers wait for
 * their turn, interactive ones get RATE_LIMITED at once, since the hint is worth less than the wait.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { config } from '../../platform/config.js';
import { redisKey } from '../../platform/redis/connection.js';
import { ProviderRejection, ProviderUnavailableError } from '../http/errors.js';
import { ProviderHttp } from '../http/provider-http.js';
import type { CallerPriority } from '../quota/priority.js';

const linksSchema = z.object({
  entityUniqueId: z.string(),
  pageUrl: z.string().optional(),
  linksByPlatform: z.record(z.string(), z.object({ url: z.string(), entityUniqueId: z.string().optional() })),
});

export interface OdesliLinks {
  pageUrl: string | null;
  /** The YouTube video id Odesli pairs with the track, when it knows one. */
  youtubeVideoId: string | null;
}

export class Odesli {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    private readonly options: { apiUrl: string; apiKey?: string; requestsPerMinute: number },
    private readonly http = new ProviderHttp('odesli'),
  ) {
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: redisKey('odesli-pace'), points: options.requestsPerMinute, duration: 60 });
  }

  /** Links of a Spotify track; null when Odesli cannot resolve it. */
  async spotifyTrack(trackId: string, priority: CallerPriority): Promise<OdesliLinks | null> {
    await this.pace(priority);
    const url = new URL(`${this.options.apiUrl.replace(/\/$/, '')}/links`);
    url.searchParams.set('url', `https://open.spotify.com/track/${trackId}`);
    url.searchParams.set('userCountry', 'US');
    if (this.options.apiKey) url.searchParams.set('key', this.options.apiKey);
    try {
      const links = await this.http.request({ endpoint: 'GET /links', url, schema: linksSchema });
      const youtube = links.linksByPlatform.youtube ?? links.linksByPlatform.youtubeMusic;
      return { pageUrl: links.pageUrl ?? null, youtubeVideoId: youtube ? videoIdOf(youtube.url) : null };
    } catch (error) {
      if (error instanceof ProviderRejection) {
        if (error.status === 404 || error.status === 400) return null;
        throw new ProviderUnavailableError('odesli', 'REJECTED', `links answered ${error.status}`);
      }
      throw error;
    }
  }

  private async pace(priority: CallerPriority): Promise<void> {
    for (;;) {
      try {
        await this.limiter.consume('links');
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        if (priority === 'interactive') {
          throw new ProviderUnavailableError('odesli', 'RATE_LIMITED', 'too many lookups this minute', {
            retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000),
          });
        }
        await new Promise((resolve) => setTimeout(resolve, rejection.msBeforeNext));
      }
    }
  }
}

function videoIdOf(youtubeUrl: string): string | null {
  try {
    const url = new URL(youtubeUrl);
    return url.searchParams.get('v') ?? (url.hostname === 'youtu.be' ? url.pathname.slice(1) || null : null);
  } catch {
    return null;
  }
}

export function odesliFromConfig(redis: Redis): Odesli {
  const c = config();
  return new Odesli(redis, { apiUrl: c.ODESLI_API_URL, apiKey: c.ODESLI_API_KEY, requestsPerMinute: c.ODESLI_REQUESTS_PER_MINUTE });
}
