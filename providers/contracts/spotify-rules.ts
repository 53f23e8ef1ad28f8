/**
 * What the Spotify contract adds to the OpenAPI file: facts from ../shared/DESIGN.md ("External
 * APIs") and facts the spec states only in prose. DESIGN.md wins where the two disagree.
 *
 * - Several-items endpoints take at most 50 ids (`/tracks`, `/artists`) or 20 (`/albums`). The spec
 *   says so only in each `ids` description ("Maximum: 50 IDs"); other `ids` lists take the number
 *   their description gives.
 * - Search pages hold at most 10 items (DESIGN.md); the spec's `limit` maximum is also 10 in this
 *   version, but the rule is pinned here so a spec update cannot loosen it.
 * - Spotify ids are 22 base-62 characters (Spotify's "URIs and IDs" concept page); the spec types
 *   them as plain strings, the API answers 400 "invalid id" otherwise.
 * - `include_groups` takes the four values its description lists.
 * - `/artists/{id}/albums` `limit`: the description says minimum 1, the schema says 0; the API
 *   refuses 0, so 1.
 * - `/search` takes `query` as another spelling of `q`: Spotify's own paging links (`next`,
 *   `previous`, `href`) are written `search?query=...` (the search example in Spotify's reference
 *   shows it), so a client following them sends it.
 * - Several-items answers put `null` where an id is unknown (Spotify's reference: "If an object is
 *   not found, a null value is returned in the appropriate position"); the spec's item schemas are
 *   not nullable, so the loaded document is patched.
 */
import { sharedAjv } from './ajv.js';
import type { OpenApiOperation } from './openapi.js';
import type { ParamRule, ParamValues } from './params.js';
import type { Json } from './specs.js';

/** DESIGN.md: "GET /tracks?ids and /artists?ids take 50 ids, /albums?ids 20". */
export const SPOTIFY_IDS_LIMITS: Readonly<Record<string, number>> = {
  'GET /tracks': 50,
  'GET /artists': 50,
  'GET /albums': 20,
};

/** DESIGN.md: "Search returns at most 10 items per page." */
export const SPOTIFY_SEARCH_PAGE_MAX = 10;

export const SPOTIFY_ID_PATTERN = '^[0-9A-Za-z]{22}$';

const INCLUDE_GROUPS = ['album', 'single', 'appears_on', 'compilation'];

/** Response components whose arrays hold `null` for unknown ids. */
const SEVERAL_ITEMS_RESPONSES: Record<string, string> = {
  ManyAlbums: 'albums',
  ManyArtists: 'artists',
  ManyTracks: 'tracks',
  ManyEpisodes: 'episodes',
  ManyAudiobooks: 'audiobooks',
  ManyChapters: 'chapters',
  ManySimplifiedShows: 'shows',
};

/** Path parameters that carry a Spotify id (not user ids or category ids, which are free-form). */
const ID_PATH_PARAMS = new Set(['id', 'playlist_id']);

function idsLimit(op: OpenApiOperation, description: string): number | undefined {
  const pinned = SPOTIFY_IDS_LIMITS[`${op.method} ${op.template}`];
  if (pinned !== undefined) return pinned;
  const prose = /Maximum:\s*(\d+)\s*IDs/i.exec(description)?.[1];
  return prose ? Number(prose) : undefined;
}

export function patchSpotifySpec(doc: Json): Json {
  const responses = ((doc.components as Json | undefined)?.responses ?? {}) as Record<string, Json>;
  for (const [name, property] of Object.entries(SEVERAL_ITEMS_RESPONSES)) {
    const schema = (((responses[name]?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema ?? undefined) as
      | Json
      | undefined;
    const array = (schema?.properties as Record<string, Json> | undefined)?.[property];
    if (array?.items) array.items = { anyOf: [array.items, { type: 'null' }] };
  }
  return doc;
}

export function adjustSpotifyRules(op: OpenApiOperation, rules: ParamRule[]): ParamRule[] {
  const ajv = sharedAjv();
  return rules.map((rule) => {
    if (rule.in === 'path' && ID_PATH_PARAMS.has(rule.name)) {
      return { ...rule, validate: ajv.compile({ type: 'string', pattern: SPOTIFY_ID_PATTERN }) };
    }
    if (rule.in !== 'query') return rule;
    if (rule.name === 'ids' && rule.valueType === 'string') {
      const limit = idsLimit(op, rule.description ?? '');
      return {
        ...rule,
        shape: 'comma',
        validate: ajv.compile({ type: 'string', pattern: SPOTIFY_ID_PATTERN }),
        ...(limit !== undefined ? { maxItems: limit } : {}),
      };
    }
    if (rule.name === 'include_groups') {
      return { ...rule, shape: 'comma', validate: ajv.compile({ type: 'string', enum: INCLUDE_GROUPS }) };
    }
    if (op.template === '/search' && rule.name === 'limit') {
      return { ...rule, validate: ajv.compile({ type: 'integer', minimum: 1, maximum: SPOTIFY_SEARCH_PAGE_MAX }) };
    }
    if (op.template === '/artists/{id}/albums' && rule.name === 'limit') {
      return { ...rule, validate: ajv.compile({ type: 'integer', minimum: 1, maximum: 10 }) };
    }
    return rule;
  });
}

/** `query` → `q` on /search, when `q` is absent (both at once stays a duplicate for the checks to see). */
export function normaliseSpotifyQuery(op: OpenApiOperation, query: ParamValues): ParamValues {
  if (op.template !== '/search' || !query.has('query') || query.has('q')) return query;
  const out: ParamValues = new Map();
  for (const [name, values] of query) out.set(name === 'query' ? 'q' : name, values);
  return out;
}

/** DESIGN.md's page size, checked on every paging object of a search answer. */
export function searchPageErrors(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors: string[] = [];
  for (const [key, page] of Object.entries(body as Json)) {
    if (typeof page !== 'object' || page === null) continue;
    const { items, limit } = page as { items?: unknown; limit?: unknown };
    if (Array.isArray(items) && items.length > SPOTIFY_SEARCH_PAGE_MAX) {
      errors.push(`/${key}/items holds ${items.length} items, search pages hold at most ${SPOTIFY_SEARCH_PAGE_MAX}`);
    }
    if (typeof limit === 'number' && limit > SPOTIFY_SEARCH_PAGE_MAX) errors.push(`/${key}/limit is ${limit}, at most ${SPOTIFY_SEARCH_PAGE_MAX}`);
  }
  return errors;
}
