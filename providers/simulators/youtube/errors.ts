/**
 * Google API errors as YouTube Data API v3 answers them: `{"error": {code, message, errors[], status}}`,
 * with the `domain` / `reason` pairs real clients branch on (quotaExceeded, keyInvalid,
 * invalidPageToken...). Route code throws a GoogleApiError; `sendGoogleError` writes it.
 */
import type { Response } from 'express';

export interface GoogleErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: 'parameter' | 'header' | 'other';
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class GoogleApiError extends Error {
  override name = 'GoogleApiError';
  constructor(
    readonly code: number,
    message: string,
    readonly item: Omit<GoogleErrorItem, 'message'> & { message?: string },
    /** Some answers carry the canonical status name (auth errors), others do not (quota, parameter errors). */
    readonly withStatus = false,
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    const { message = this.message, ...rest } = this.item;
    const item: GoogleErrorItem = { message, ...rest };
    return {
      error: {
        code: this.code,
        message: this.message,
        errors: [item],
        ...(this.withStatus ? { status: STATUS_NAMES[this.code] ?? 'UNKNOWN' } : {}),
      },
    };
  }
}

export function sendGoogleError(res: Response, error: GoogleApiError): void {
  res.status(error.code).json(error.body());
}

export const QUOTA_MESSAGE =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';

export const youtubeErrors = {
  quotaExceeded: () => new GoogleApiError(403, QUOTA_MESSAGE, { domain: 'youtube.quota', reason: 'quotaExceeded' }),
  missingKey: () =>
    new GoogleApiError(403, 'The request is missing a valid API key.', { domain: 'global', reason: 'forbidden' }, true),
  invalidKey: () =>
    new GoogleApiError(400, 'API key not valid. Please pass a valid API key.', { domain: 'global', reason: 'badRequest' }, true),
  invalidCredentials: () =>
    new GoogleApiError(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      { message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' },
      true,
    ),
  loginRequired: () =>
    new GoogleApiError(
      401,
      'Login Required.',
      { domain: 'global', reason: 'required', location: 'Authorization', locationType: 'header' },
      true,
    ),
  insufficientScopes: () =>
    new GoogleApiError(
      403,
      'Request had insufficient authentication scopes.',
      { message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' },
      true,
    ),
  requiredParameter: (name: string) =>
    new GoogleApiError(400, `Required parameter: ${name}`, { domain: 'global', reason: 'required', location: name, locationType: 'parameter' }),
  noFilter: (expected: string[]) =>
    new GoogleApiError(400, `No filter selected. Expected one of: ${expected.join(', ')}`, {
      domain: 'youtube.parameter',
      reason: 'missingRequiredParameter',
      location: 'parameters.',
      locationType: 'other',
    }),
  incompatibleFilters: (names: string[]) =>
    new GoogleApiError(400, `Incompatible parameters specified in the request: ${names.join(', ')}`, {
      domain: 'youtube.parameter',
      reason: 'incompatibleParameters',
      location: 'parameters.',
      locationType: 'other',
    }),
  unknownPart: (part: string) =>
    new GoogleApiError(400, `'${part}'`, { domain: 'youtube.part', reason: 'unknownPart', location: 'part', locationType: 'parameter' }),
  invalidValue: (name: string, value: string, detail: string) =>
    new GoogleApiError(400, `Invalid value '${value}'. ${detail}`, {
      domain: 'youtube.parameter',
      reason: 'invalidParameter',
      location: name,
      locationType: 'parameter',
    }),
  tooManyIds: (name: string, max: number) =>
    new GoogleApiError(400, `The request specifies more than ${max} values for the ${name} parameter.`, {
      domain: 'youtube.parameter',
      reason: 'invalidParameter',
      location: name,
      locationType: 'parameter',
    }),
  invalidPageToken: () =>
    new GoogleApiError(400, 'The request specifies an invalid page token.', {
      domain: 'youtube.parameter',
      reason: 'invalidPageToken',
      location: 'pageToken',
      locationType: 'parameter',
    }),
  invalidSearchFilter: () =>
    new GoogleApiError(
      400,
      'The request contains an invalid combination of search filters and/or restrictions. Note that you must set the <code>type</code> parameter to <code>video</code> if you set a value for the <code>eventType</code>, <code>videoCaption</code>, <code>videoCategoryId</code>, <code>videoDefinition</code>, <code>videoDimension</code>, <code>videoDuration</code>, <code>videoEmbeddable</code>, <code>videoLicense</code>, <code>videoSyndicated</code>, or <code>videoType</code> parameters.',
      { domain: 'youtube.search', reason: 'invalidSearchFilter', location: 'type', locationType: 'parameter' },
    ),
  playlistNotFound: () =>
    new GoogleApiError(404, "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.", {
      domain: 'youtube.playlistItem',
      reason: 'playlistNotFound',
      location: 'playlistId',
      locationType: 'parameter',
    }),
  notFound: () => new GoogleApiError(404, 'Not Found', { domain: 'global', reason: 'notFound' }, true),
};

/** A framework-made error (rate limit, injected fault) in Google's shape. */
export function simulatedGoogleError(status: number, message?: string, reason?: string): { error: Record<string, unknown> } {
  if (reason === 'quotaExceeded') return new GoogleApiError(status, message ?? QUOTA_MESSAGE, { domain: 'youtube.quota', reason }).body();
  const defaults: Record<number, [string, string]> = {
    400: ['Bad Request', 'badRequest'],
    401: ['Invalid Credentials', 'authError'],
    403: ['The caller does not have permission', 'forbidden'],
    404: ['Not Found', 'notFound'],
    429: ['Too many requests', 'rateLimitExceeded'],
    500: ['Internal error encountered.', 'backendError'],
    503: ['The service is currently unavailable.', 'backendError'],
  };
  const [defaultMessage, defaultReason] = defaults[status] ?? (status >= 500 ? defaults[500]! : ['Request failed', 'badRequest']);
  return new GoogleApiError(status, message ?? defaultMessage, { domain: 'global', reason: reason ?? defaultReason }, true).body();
}
