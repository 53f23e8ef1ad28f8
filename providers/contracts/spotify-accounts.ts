/**
 * The Spotify accounts service (accounts.spotify.com), which has no spec file: a hand-written rule
 * set from RFC 6749 / RFC 7636 (oauth.ts) and Spotify's authorization guides:
 *
 * - `GET /authorize`: `client_id`, `response_type=code` (the implicit grant is gone), `redirect_uri`
 *   (https, or http on 127.0.0.1 / [::1]; `localhost` is refused since 2025); optional `state`,
 *   `scope` (space-separated, from the scopes the Web API spec lists), `show_dialog`, and the PKCE
 *   pair `code_challenge` + `code_challenge_method=S256`.
 * - `POST /api/token`: `authorization_code` (code, redirect_uri; PKCE clients send client_id and
 *   code_verifier instead of a secret), `refresh_token`, `client_credentials` (secret required).
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
import { checkParams, type ParamRule } from './params.js';
import { loadSpec, type Json } from './specs.js';
import type { WireRequest } from './wire.js';

let scopes: string[] | undefined;

/** The scopes of the Web API's `oauth_2_0` security scheme. */
export function spotifyScopes(): string[] {
  if (!scopes) {
    const schemes = ((loadSpec('spotify').components as Json).securitySchemes ?? {}) as Json;
    const flows = ((schemes.oauth_2_0 as Json | undefined)?.flows ?? {}) as Json;
    scopes = Object.keys(((flows.authorizationCode as Json | undefined)?.scopes ?? {}) as Json);
  }
  return scopes;
}

let authorizeRules: ParamRule[] | undefined;

function authorizeRequest(req: WireRequest): string[] {
  authorizeRules ??= [
    rule('client_id', 'query', { type: 'string', pattern: '^[0-9A-Za-z_-]+$' }, { required: true }),
    rule('response_type', 'query', { type: 'string', enum: ['code'] }, { required: true }),
    rule('redirect_uri', 'query', { type: 'string' }, { required: true }),
    rule('state', 'query', { type: 'string' }),
    rule('scope', 'query', { type: 'string', pattern: '^[^ ]+( [^ ]+)*$' }),
    rule('show_dialog', 'query', { type: 'boolean' }),
    ...pkceAuthorizeRules(),
  ];
  const errors = checkParams(req.query, authorizeRules, 'query');
  errors.push(...redirectUriErrors(req.query.get('redirect_uri')?.[0], false));
  errors.push(...pkcePairErrors(req.query));
  const known = spotifyScopes();
  for (const scope of (req.query.get('scope')?.[0] ?? '').split(' ').filter(Boolean)) {
    if (!known.includes(scope)) errors.push(`unknown Spotify scope ${JSON.stringify(scope)}`);
  }
  return errors;
}

export const spotifyAccountsContract: Contract = handContract('the Spotify accounts service', [
  { method: 'GET', path: '/authorize', request: authorizeRequest, response: authorizeResponseErrors },
  {
    method: 'POST',
    path: '/api/token',
    request: (req) => [
      ...tokenRequestErrors(req, {
        grants: {
          authorization_code: { required: ['code', 'redirect_uri'], optional: ['code_verifier'] },
          refresh_token: { required: ['refresh_token'], optional: [] },
          client_credentials: { required: [], optional: [] },
        },
        fieldRules: [codeVerifierRule()],
      }),
      ...redirectUriErrors(new URLSearchParams(req.body ?? '').get('redirect_uri') ?? undefined, false),
    ],
    response: tokenResponseErrors,
  },
]);
