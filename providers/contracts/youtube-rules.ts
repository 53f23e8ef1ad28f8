/**
 * What the YouTube contract adds to the discovery document: rules from YouTube's reference pages
 * (developers.google.com/youtube/v3/docs) that the document does not encode, and DESIGN.md facts.
 *
 * - `part` takes the resource's top-level properties (`snippet`, `contentDetails`, `id`...): derived
 *   from the response schema, so it stays in step with the document.
 * - `videos.list`, `channels.list` and `playlistItems.list` need exactly one filter parameter.
 * - `id` lists of those methods hold at most 50 ids (a page is 50: DESIGN.md, "cost 1 unit per page
 *   of up to 50").
 * - `search.list`: `type` is a list of `video`, `channel`, `playlist`; the video-only filters need
 *   `type=video`; `relatedToVideoId` was removed from the API in August 2023.
 * - `channels.list` `forHandle` postdates this discovery revision (20220419) but is a real filter.
 * - Errors are Google's JSON error format (the discovery document has no error schemas), with
 *   `error.code` repeating the HTTP status; quota errors are 403 `quotaExceeded`.
 */
import type { DiscoverySchema, JsonSchema } from './discovery-to-json-schema.js';
import type { ParamValues } from './params.js';

/** Parameters the API accepts that this discovery revision lacks, per method id. */
export const YOUTUBE_EXTRA_PARAMETERS: Readonly<Record<string, Record<string, DiscoverySchema>>> = {
  'youtube.channels.list': { forHandle: { type: 'string', location: 'query' } },
};

/** At most this many ids per list call. */
export const YOUTUBE_MAX_IDS = 50;
export const YOUTUBE_ID_LIMITED_METHODS = new Set(['youtube.videos.list', 'youtube.channels.list', 'youtube.playlistItems.list']);

/** Exactly one of these per call. */
const FILTERS: Readonly<Record<string, string[]>> = {
  'youtube.videos.list': ['chart', 'id', 'myRating'],
  'youtube.channels.list': ['categoryId', 'forHandle', 'forUsername', 'id', 'managedByMe', 'mine', 'mySubscribers'],
  'youtube.playlistItems.list': ['id', 'playlistId'],
};

export const SEARCH_TYPES = ['video', 'channel', 'playlist'];

const VIDEO_ONLY_SEARCH_FILTERS = [
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

const REMOVED_PARAMETERS: Readonly<Record<string, string[]>> = {
  'youtube.search.list': ['relatedToVideoId'],
};

/** Google's error body (cloud.google.com/apis/design/errors, YouTube's "Errors" page). */
export const GOOGLE_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'errors'],
      properties: {
        code: { type: 'integer', minimum: 400, maximum: 599 },
        message: { type: 'string' },
        status: { type: 'string' },
        errors: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['message', 'domain', 'reason'],
            properties: {
              message: { type: 'string' },
              domain: { type: 'string' },
              reason: { type: 'string' },
              location: { type: 'string' },
              locationType: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

/** The cross-parameter rules of one method. */
export function youtubeRequestRules(methodId: string, query: ParamValues): string[] {
  const errors: string[] = [];
  const filters = FILTERS[methodId];
  if (filters) {
    const given = filters.filter((f) => query.has(f));
    if (given.length !== 1) {
      errors.push(
        given.length === 0
          ? `${methodId} needs exactly one filter of ${filters.join(', ')}; none given`
          : `${methodId} takes exactly one filter of ${filters.join(', ')}; got ${given.join(', ')}`,
      );
    }
  }
  for (const name of REMOVED_PARAMETERS[methodId] ?? []) {
    if (query.has(name)) errors.push(`query parameter '${name}' is no longer supported by ${methodId}`);
  }
  if (methodId === 'youtube.search.list') {
    const types = (query.get('type') ?? []).flatMap((t) => t.split(','));
    for (const name of VIDEO_ONLY_SEARCH_FILTERS) {
      if (query.has(name) && !(types.length === 1 && types[0] === 'video')) {
        errors.push(`query parameter '${name}' needs type=video`);
      }
    }
  }
  return errors;
}
