/**
 * Reading YouTube list parameters the way the Data API does: `part` is required and checked against
 * the parts the resource has, id lists are comma-separated and capped at 50, `maxResults` is checked
 * against its range, page tokens are opaque and only good for the query that produced them.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { youtubeErrors } from './errors.js';

export type Query = Request['query'];

/** A query parameter as one string (the first one when repeated), or undefined. */
export function stringParam(query: Query, name: string): string | undefined {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** Comma-separated values, also accepted as a repeated parameter (`id=a&id=b`), empty ones dropped. */
export function listParam(query: Query, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const raw = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  return raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The parts asked for; throws `required` when absent and `unknownPart` for a part the resource lacks. */
export function parseParts<Part extends string>(query: Query, known: readonly Part[]): Set<Part> {
  const parts = listParam(query, 'part');
  if (!parts || parts.length === 0) throw youtubeErrors.requiredParameter('part');
  for (const part of parts) if (!known.includes(part as Part)) throw youtubeErrors.unknownPart(part);
  return new Set(parts as Part[]);
}

/** An id list of at most 50 (the Data API's cap per call); undefined when the parameter is absent. */
export function parseIds(query: Query, name: string, max = 50): string[] | undefined {
  const ids = listParam(query, name);
  if (ids && ids.length > max) throw youtubeErrors.tooManyIds(name, max);
  return ids ? [...new Set(ids)] : undefined;
}

export function parseMaxResults(query: Query, { min, max, fallback }: { min: number; max: number; fallback: number }): number {
  const raw = stringParam(query, 'maxResults');
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw youtubeErrors.invalidValue('maxResults', raw, `Values must be within the range: [${min}, ${max}]`);
  }
  return value;
}

export function parseBoolean(query: Query, name: string): boolean {
  return stringParam(query, name) === 'true';
}

/**
 * Page tokens: the offset of the page plus a fingerprint of the query it belongs to, so a token
 * replayed with other parameters is refused as YouTube refuses it.
 */
export class PageTokens {
  constructor(private readonly scope: string) {}

  encode(offset: number, query: Query): string {
    return Buffer.from(`${offset}:${this.fingerprint(query)}`).toString('base64url');
  }

  /** The offset a token stands for (0 without one); throws invalidPageToken for anything else. */
  decode(query: Query): number {
    const token = stringParam(query, 'pageToken');
    if (token === undefined || token === '') return 0;
    const match = /^(\d+):([0-9a-f]{12})$/.exec(Buffer.from(token, 'base64url').toString());
    if (!match || match[2] !== this.fingerprint(query)) throw youtubeErrors.invalidPageToken();
    return Number(match[1]);
  }

  /** nextPageToken / prevPageToken of a page, as present keys only. */
  links(offset: number, pageSize: number, total: number, query: Query): { nextPageToken?: string; prevPageToken?: string } {
    const links: { nextPageToken?: string; prevPageToken?: string } = {};
    if (pageSize > 0 && offset + pageSize < total) links.nextPageToken = this.encode(offset + pageSize, query);
    if (offset > 0) links.prevPageToken = this.encode(Math.max(0, offset - Math.max(pageSize, 1)), query);
    return links;
  }

  // Every parameter but the token itself, the page size, the parts and the credentials shapes the result set.
  private fingerprint(query: Query): string {
    const relevant = Object.entries(query)
      .filter(([name]) => !['pageToken', 'maxResults', 'part', 'key', 'access_token', 'fields', 'prettyPrint', 'alt'].includes(name))
      .sort(([a], [b]) => a.localeCompare(b));
    return createHash('sha1').update(this.scope).update(JSON.stringify(relevant)).digest('hex').slice(0, 12);
  }
}
