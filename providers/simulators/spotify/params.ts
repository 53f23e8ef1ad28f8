/**
 * Query parameters as the Web API reads and refuses them: ids (base-62, a maximum per endpoint),
 * limit and offset (with each endpoint's bounds, "Invalid limit"), market.
 */
import type { Request } from 'express';
import { SPOTIFY_ID } from '../catalogue/ids.js';
import { invalidId, WebApiError } from './errors.js';

/** A query parameter as one string (Express gives arrays for repeated parameters). */
export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function checkId(id: string): string {
  if (!SPOTIFY_ID.test(id)) throw invalidId();
  return id;
}

/** `ids=a,b,c`: validated, in order, duplicates kept. */
export function idList(req: Request, max: number): string[] {
  const raw = queryString(req, 'ids');
  if (raw === undefined || raw.trim() === '') throw invalidId();
  const ids = raw.split(',').map((id) => id.trim());
  if (ids.length > max) throw new WebApiError(400, 'Too many ids requested');
  return ids.map(checkId);
}

export interface Page {
  limit: number;
  offset: number;
}

export function page(req: Request, bounds: { defaultLimit: number; maxLimit: number; maxOffset?: number }): Page {
  const limitText = queryString(req, 'limit');
  const offsetText = queryString(req, 'offset');
  const limit = limitText === undefined ? bounds.defaultLimit : Number(limitText);
  const offset = offsetText === undefined ? 0 : Number(offsetText);
  if (!Number.isInteger(limit) || limit < 1 || limit > bounds.maxLimit) throw new WebApiError(400, 'Invalid limit');
  if (!Number.isInteger(offset) || offset < 0 || (bounds.maxOffset !== undefined && offset > bounds.maxOffset)) throw new WebApiError(400, 'Invalid offset');
  return { limit, offset };
}

/** `market`: an ISO 3166-1 alpha-2 code or `from_token`; tracks then carry `is_playable`. */
export function market(req: Request): string | undefined {
  const value = queryString(req, 'market');
  if (value === undefined) return undefined;
  if (value !== 'from_token' && !/^[A-Z]{2}$/.test(value)) throw new WebApiError(400, 'Invalid market code');
  return value;
}
