/**
 * Genius under the app's bearer token: search, songs and an artist's songs. The API has no lyrics
 * text (the product links to the page); it does carry a song's language, release date, artwork and
 * media links (sometimes a YouTube video, a free mapping hint). Raw and uncached: use the loaders.
 */
import type { z } from 'zod';
import { config } from '../../platform/config.js';
import { ProviderRejection, ProviderUnavailableError } from '../http/errors.js';
import { ProviderHttp } from '../http/provider-http.js';
import { artistSongsSchema, searchSchema, songResponseSchema, type GeniusArtistSongsPage, type GeniusSearchHit, type GeniusSong } from './schemas.js';

export class Genius {
  constructor(
    private readonly options: { apiUrl: string; accessToken: string },
    private readonly http = new ProviderHttp('genius'),
  ) {}

  async search(query: string): Promise<GeniusSearchHit[]> {
    const body = await this.get('GET /search', '/search', searchSchema, { q: query });
    return body.response.hits.filter((hit) => hit.type === 'song').map((hit) => hit.result);
  }

  /** A song by Genius id, or null when Genius has none. */
  async song(id: number): Promise<GeniusSong | null> {
    try {
      return (await this.get('GET /songs/{id}', `/songs/${id}`, songResponseSchema, { text_format: 'plain' })).response.song;
    } catch (error) {
      if (error instanceof ProviderRejection && error.status === 404) return null;
      throw error;
    }
  }

  async artistSongs(artistId: number, options: { page?: number; perPage?: number; sort?: 'title' | 'popularity' } = {}): Promise<GeniusArtistSongsPage> {
    const body = await this.get('GET /artists/{id}/songs', `/artists/${artistId}/songs`, artistSongsSchema, {
      sort: options.sort ?? 'popularity',
      per_page: String(options.perPage ?? 50),
      page: String(options.page ?? 1),
    });
    return body.response;
  }

  private async get<T>(endpoint: string, path: string, schema: z.ZodType<T>, query: Record<string, string>): Promise<T> {
    const url = new URL(this.options.apiUrl.replace(/\/$/, '') + path);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    try {
      return await this.http.request({ endpoint, url, schema, headers: { authorization: `Bearer ${this.options.accessToken}` } });
    } catch (error) {
      if (error instanceof ProviderRejection && error.status !== 404) {
        throw new ProviderUnavailableError('genius', error.status === 401 ? 'UNAUTHORIZED' : 'REJECTED', `${endpoint} answered ${error.status}`);
      }
      throw error;
    }
  }
}

export function geniusFromConfig(): Genius {
  const c = config();
  return new Genius({ apiUrl: c.GENIUS_API_URL, accessToken: c.GENIUS_ACCESS_TOKEN ?? '' });
}
