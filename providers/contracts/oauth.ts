/**
 * OAuth 2.0 rules shared by the Spotify accounts service and Google's OAuth endpoints, from the
 * RFCs rather than a spec file (neither service publishes one):
 *
 * - RFC 6749: authorization requests (§4.1.1), redirects back carrying `code` or `error` and the
 *   `state` the client sent (§4.1.2), token requests form-encoded (§4.1.3, §6, §4.4), one client
 *   authentication method per request (§2.3), token (§5.1) and error (§5.2) answers as JSON.
 * - RFC 7636 (PKCE): `code_verifier` is 43-128 characters of the unreserved set (§4.1);
 *   `code_challenge` is BASE64URL(SHA-256(verifier)), 43 characters (§4.2). We require
 *   `code_challenge_method=S256`: §4.2 says a client able to use S256 MUST, and Spotify accepts
 *   nothing else (Google also takes `plain`).
 * - A token request with no client secret is a public-client (PKCE) request and must carry its
 *   `code_verifier` (RFC 7636 §4.5).
 */
import { runValidator, sharedAjv } from './ajv.js';
import type { ValidateFunction } from 'ajv';
import { checkParams, collectParams, type ParamRule, type ParamValues } from './params.js';
import { rule } from './hand-contract.js';
import { basicCredentials, isEmptyBody, mediaType, type WireRequest, type WireResponse } from './wire.js';

export const CODE_VERIFIER_PATTERN = '^[A-Za-z0-9._~-]{43,128}$';
export const CODE_CHALLENGE_PATTERN = '^[A-Za-z0-9_-]{43}$';

const AUTHORIZE_ERRORS = [
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
];

const TOKEN_ERRORS = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'];

export const TOKEN_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string', minLength: 1 },
    // RFC 6749 §7.1: the type is case-insensitive; both services send "Bearer".
    token_type: { type: 'string', pattern: '^[Bb][Ee][Aa][Rr][Ee][Rr]$' },
    expires_in: { type: 'integer', minimum: 1 },
    refresh_token: { type: 'string', minLength: 1 },
    scope: { type: 'string' },
  },
};

export const TOKEN_ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', enum: TOKEN_ERRORS },
    error_description: { type: 'string' },
    error_uri: { type: 'string', format: 'uri' },
  },
};

const compiled = new Map<object, ValidateFunction>();
function validator(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = sharedAjv().compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** PKCE parameter rules of an authorization request. */
export function pkceAuthorizeRules(): ParamRule[] {
  return [
    rule('code_challenge', 'query', { type: 'string', pattern: CODE_CHALLENGE_PATTERN }),
    rule('code_challenge_method', 'query', { type: 'string', enum: ['S256'] }),
  ];
}

export function pkcePairErrors(query: ParamValues): string[] {
  const challenge = query.has('code_challenge');
  const method = query.has('code_challenge_method');
  if (challenge && !method) return ['code_challenge without code_challenge_method=S256'];
  if (method && !challenge) return ['code_challenge_method without code_challenge'];
  return [];
}

/**
 * `redirect_uri` must be absolute without a fragment (RFC 6749 §3.1.2), https or a loopback http
 * address; `allowLocalhost` because Google accepts `localhost` where Spotify requires 127.0.0.1/[::1].
 */
export function redirectUriErrors(value: string | undefined, allowLocalhost: boolean): string[] {
  if (value === undefined || value === '') return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [`redirect_uri must be an absolute URI, got ${JSON.stringify(value)}`];
  }
  const errors: string[] = [];
  if (url.hash) errors.push('redirect_uri must not contain a fragment');
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || (allowLocalhost && url.hostname === 'localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    errors.push(`redirect_uri must be https or a loopback http address${allowLocalhost ? '' : ' (127.0.0.1 or [::1], not localhost)'}, got ${value}`);
  }
  return errors;
}

export interface TokenRequestOptions {
  /** Fields allowed per grant type, besides grant_type and the client authentication fields. */
  grants: Record<string, { required: string[]; optional: string[] }>;
  /** Extra per-field rules (formats). */
  fieldRules: ParamRule[];
}

/** Checks a token request: form encoding, grant type, its fields, client authentication, PKCE. */
export function tokenRequestErrors(req: WireRequest, options: TokenRequestOptions): string[] {
  const errors: string[] = [];
  if (req.method !== 'POST') return [`token requests are POST, got ${req.method}`];
  if (mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded') {
    errors.push(`Content-Type must be application/x-www-form-urlencoded, got ${JSON.stringify(req.headers['content-type'] ?? '')}`);
  }
  if (req.query.size > 0) errors.push(`token request parameters belong in the form body, not the query (${[...req.query.keys()].join(', ')})`);
  const form = collectParams(new URLSearchParams(req.body ?? ''));
  const grantType = form.get('grant_type')?.[0];
  const grant = grantType ? options.grants[grantType] : undefined;
  if (!grantType) return [...errors, "missing required form field 'grant_type'"];
  if (!grant) return [...errors, `form field 'grant_type' must be one of ${Object.keys(options.grants).join(', ')}, got ${JSON.stringify(grantType)}`];

  const fieldRules = [
    rule('grant_type', 'form', { type: 'string' }, { required: true }),
    rule('client_id', 'form', { type: 'string', minLength: 1 }),
    rule('client_secret', 'form', { type: 'string', minLength: 1 }),
    ...grant.required.map((name) => options.fieldRules.find((r) => r.name === name) ?? rule(name, 'form', { type: 'string', minLength: 1 })),
    ...grant.optional.map((name) => options.fieldRules.find((r) => r.name === name) ?? rule(name, 'form', { type: 'string' })),
  ].map((r) => ({ ...r, required: r.name === 'grant_type' || grant.required.includes(r.name) }));
  errors.push(...checkParams(form, fieldRules, 'form'));

  // Client authentication (RFC 6749 §2.3.1): Basic header, or client_id (+ client_secret) in the body; never both.
  const basic = basicCredentials(req.headers);
  const bodyId = form.get('client_id')?.[0];
  const bodySecret = form.get('client_secret')?.[0];
  if (req.headers.authorization !== undefined && !basic) errors.push('Authorization header must be Basic base64(client_id:client_secret)');
  if (basic && bodySecret !== undefined) errors.push('client authenticated twice (Basic header and client_secret); RFC 6749 §2.3 allows one method');
  if (basic && bodyId !== undefined && bodyId !== basic.id) errors.push('client_id in the body differs from the one in the Basic header');
  if (!basic && bodyId === undefined) errors.push('no client authentication: Basic header or client_id in the body');
  const confidential = basic !== undefined || bodySecret !== undefined;
  if (grantType === 'authorization_code' && !confidential && !form.has('code_verifier')) {
    errors.push("missing form field 'code_verifier': a token request without client secret is a PKCE request (RFC 7636 §4.5)");
  }
  if (grantType === 'client_credentials' && !confidential) errors.push('client_credentials needs the client secret');
  return errors;
}

/** A token endpoint answer: 200 token JSON, 400/401 error JSON (RFC 6749 §5.1, §5.2). */
export function tokenResponseErrors(res: WireResponse): string[] {
  const errors: string[] = [];
  if (res.headers && !isEmptyBody(res.body) && mediaType(res.headers['content-type']) !== 'application/json') {
    errors.push(`Content-Type must be application/json, got ${JSON.stringify(res.headers['content-type'] ?? '')}`);
  }
  if (res.status === 200) return [...errors, ...runValidator(validator(TOKEN_RESPONSE_SCHEMA), res.body)];
  if (res.status === 400 || res.status === 401) return [...errors, ...runValidator(validator(TOKEN_ERROR_SCHEMA), res.body)];
  if (res.status >= 200 && res.status < 300) return [...errors, `token answers are 200, got ${res.status}`];
  return errors; // 429 and 5xx carry whatever the edge sends.
}

/**
 * An authorization endpoint answer: the consent page (200), a redirect (302/303) back to the client
 * with `code` or a registered `error` and the client's `state`, or an error page (4xx/5xx).
 */
export function authorizeResponseErrors(res: WireResponse): string[] {
  if (res.status === 200 || res.status >= 400) return [];
  if (res.status !== 302 && res.status !== 303) return [`status ${res.status} is not an answer of the authorization endpoint (200, 302, 303, 4xx)`];
  if (!res.headers) return [];
  const location = res.headers.location;
  if (!location) return [`${res.status} without a Location header`];
  const redirectUri = res.query.get('redirect_uri')?.[0];
  if (!redirectUri || !location.startsWith(redirectUri)) return []; // e.g. on to a login page
  const back = new URL(location).searchParams;
  const errors: string[] = [];
  const error = back.get('error');
  if (error !== null) {
    if (!AUTHORIZE_ERRORS.includes(error)) errors.push(`redirect error must be one of ${AUTHORIZE_ERRORS.join(', ')}, got ${JSON.stringify(error)}`);
  } else if (!back.get('code')) errors.push('redirect back to the client carries neither code nor error');
  const state = res.query.get('state')?.[0];
  if (state !== undefined && back.get('state') !== state) errors.push(`redirect must return the client's state ${JSON.stringify(state)}, got ${JSON.stringify(back.get('state'))}`);
  return errors;
}

export const codeVerifierRule = (): ParamRule => rule('code_verifier', 'form', { type: 'string', pattern: CODE_VERIFIER_PATTERN });
