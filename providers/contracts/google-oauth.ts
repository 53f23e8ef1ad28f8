/**
 * Google's OAuth 2.0 endpoints for web-server apps (accounts.google.com/o/oauth2/v2/auth and
 * oauth2.googleapis.com/token), which have no spec file: a hand-written rule set from RFC 6749 /
 * RFC 7636 (oauth.ts) and Google's "Using OAuth 2.0 for Web Server Applications" guide:
 *
 * - authorization: `client_id`, `redirect_uri`, `response_type=code`, `scope` (required by Google;
 *   space-separated `https://www.googleapis.com/auth/...` scopes or `openid`/`email`/`profile`);
 *   optional `access_type` (online|offline), `state`, `include_granted_scopes`,
 *   `enable_granular_consent`, `login_hint`, `prompt` (none|consent|select_account, space-separated),
 *   `hd`, `nonce`, and the PKCE pair with `S256`.
 * - token: `authorization_code` (code, redirect_uri, client_id; client_secret or, for PKCE,
 *   code_verifier) and `refresh_token`.
 * - revoke (RFC 7009 §2.1): POST with `token` (and optional `token_type_hint`), form-encoded; Google
 *   also takes `token` in the query. 200 on success; 400 `{error: "invalid_token"}` otherwise.
 */
import type { Contract } from './contract.js';
import { handContract, rule } from './hand-contract.js';
import {
  authorizeResponseErrors,
  codeVerifierRule,
  pkceAuthorizeRules,
  pkcePairErrors,
  redirectUriErrors,
  tokenRequestErrors,
  tokenResponseErrors,
} from './oauth.js';
import { runValidator, sharedAjv } from './ajv.js';
import type { ValidateFunction } from 'ajv';
import { checkParams, collectParams, type ParamRule } from './params.js';
import { mediaType, type WireRequest, type WireResponse } from './wire.js';

const SCOPE = '(openid|email|profile|https://www\\.googleapis\\.com/auth/[A-Za-z0-9._/-]+)';
const PROMPT = '(none|consent|select_account)';

let authorizeRules: ParamRule[] | undefined;

function authorizeRequest(req: WireRequest): string[] {
  authorizeRules ??= [
    rule('client_id', 'query', { type: 'string', minLength: 1 }, { required: true }),
    rule('redirect_uri', 'query', { type: 'string' }, { required: true }),
    rule('response_type', 'query', { type: 'string', enum: ['code'] }, { required: true }),
    rule('scope', 'query', { type: 'string', pattern: `^${SCOPE}( ${SCOPE})*$` }, { required: true }),
    rule('access_type', 'query', { type: 'string', enum: ['online', 'offline'] }),
    rule('state', 'query', { type: 'string' }),
    rule('include_granted_scopes', 'query', { type: 'boolean' }),
    rule('enable_granular_consent', 'query', { type: 'boolean' }),
    rule('login_hint', 'query', { type: 'string' }),
    rule('prompt', 'query', { type: 'string', pattern: `^${PROMPT}( ${PROMPT})*$` }),
    rule('hd', 'query', { type: 'string' }),
    rule('nonce', 'query', { type: 'string' }),
    ...pkceAuthorizeRules(),
  ];
  return [
    ...checkParams(req.query, authorizeRules, 'query'),
    ...redirectUriErrors(req.query.get('redirect_uri')?.[0], true),
    ...pkcePairErrors(req.query),
  ];
}

let revokeRules: ParamRule[] | undefined;
let revokeError: ValidateFunction | undefined;

function revokeRequest(req: WireRequest): string[] {
  revokeRules ??= [
    rule('token', 'form', { type: 'string', minLength: 1 }, { required: true }),
    rule('token_type_hint', 'form', { type: 'string', enum: ['access_token', 'refresh_token'] }),
  ];
  const errors: string[] = [];
  const inBody = req.body !== undefined && req.body !== '';
  if (inBody && mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded') {
    errors.push(`Content-Type must be application/x-www-form-urlencoded, got ${JSON.stringify(req.headers['content-type'] ?? '')}`);
  }
  const fields = inBody ? collectParams(new URLSearchParams(req.body)) : req.query;
  return [...errors, ...checkParams(fields, revokeRules, inBody ? 'form' : 'query')];
}

function revokeResponse(res: WireResponse): string[] {
  if (res.status === 200) return [];
  if (res.status === 400) {
    revokeError ??= sharedAjv().compile({
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'string', enum: ['invalid_token', 'invalid_request', 'unsupported_token_type'] }, error_description: { type: 'string' } },
    });
    return runValidator(revokeError, res.body);
  }
  return res.status >= 200 && res.status < 300 ? [`revocation answers are 200, got ${res.status}`] : [];
}

export const googleOAuthContract: Contract = handContract("Google's OAuth 2.0 endpoints", [
  { method: 'GET', path: '/o/oauth2/v2/auth', request: authorizeRequest, response: authorizeResponseErrors },
  {
    method: 'POST',
    path: '/token',
    request: (req) => [
      ...tokenRequestErrors(req, {
        grants: {
          authorization_code: { required: ['code', 'redirect_uri'], optional: ['code_verifier'] },
          refresh_token: { required: ['refresh_token'], optional: ['scope'] },
        },
        fieldRules: [codeVerifierRule()],
      }),
      ...redirectUriErrors(new URLSearchParams(req.body ?? '').get('redirect_uri') ?? undefined, true),
    ],
    response: tokenResponseErrors,
  },
  { method: 'POST', path: '/revoke', request: revokeRequest, response: revokeResponse },
]);
