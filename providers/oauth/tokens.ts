/**
 * The token endpoint (RFC 6749 §4.1.3 and §6): exchanging an authorization code (with its PKCE
 * verifier) and refreshing an access token. Answers are validated with zod; `invalid_grant` is an
 * InvalidGrantError for the caller to interpret, except in exchangeCode, where it can only mean the
 * user's code is bad: BAD_USER_INPUT.
 */
import { z } from 'zod';
import { badInput } from '../../platform/errors.js';
import { InvalidGrantError } from './errors.js';
import { oauthSettings, type OAuthProvider, type OAuthSettings } from './providers.js';
import { parseOk } from './responses.js';
import { sendOAuthRequest, type OAuthRequest } from './transport.js';

export interface OAuthTokens {
  accessToken: string;
  /** Present when the provider issued (or rotated) one; a refresh may leave the old one in force. */
  refreshToken: string | undefined;
  expiresAt: Date;
  /** The scopes granted, when the provider said. */
  scopes: string[] | undefined;
}

/** Tokens of a new link: without a refresh token the link would die within the hour. */
export interface LinkTokens extends OAuthTokens {
  refreshToken: string;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

const linkTokenResponse = tokenResponse.extend({ refresh_token: z.string().min(1) });

const oauthErrorResponse = z.object({ error: z.string(), error_description: z.string().optional() });

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
function clientAuthentication(settings: OAuthSettings): { headers: Record<string, string>; form: Record<string, string> } {
  const { clientId, clientSecret } = settings;
  if (settings.clientAuthentication === 'basic' && clientSecret) {
    const credentials = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    return { headers: { authorization: `Basic ${credentials}` }, form: {} };
  }
  // A public client (PKCE only) sends just its id.
  return { headers: {}, form: { client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}) } };
}

async function requestTokens<T extends z.infer<typeof tokenResponse>>(
  provider: OAuthProvider,
  grant: Record<string, string>,
  schema: z.ZodType<T>,
): Promise<{ body: T; issuedAt: number }> {
  const settings = oauthSettings(provider);
  const auth = clientAuthentication(settings);
  const request: OAuthRequest = {
    endpoint: `POST ${new URL(settings.tokenUrl).pathname}`,
    url: settings.tokenUrl,
    method: 'POST',
    headers: auth.headers,
    form: { ...grant, ...auth.form },
  };
  // Expiry counts from before the request, so network time never makes a token look fresher than it is.
  const issuedAt = Date.now();
  const response = await sendOAuthRequest(provider, settings.tokenTarget, request);
  const refusal = oauthErrorResponse.safeParse(response.body);
  if ((response.status === 400 || response.status === 401) && refusal.success && refusal.data.error === 'invalid_grant') {
    throw new InvalidGrantError(provider, refusal.data.error_description);
  }
  return { body: parseOk(provider, request, response, schema), issuedAt };
}

function toTokens(body: z.infer<typeof tokenResponse>, issuedAt: number): OAuthTokens {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: new Date(issuedAt + body.expires_in * 1000),
    scopes: body.scope?.split(/\s+/).filter(Boolean),
  };
}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  /** Must be the redirect URI the authorization was started with. */
  redirectUri: string;
}

export async function exchangeCode(provider: OAuthProvider, { code, codeVerifier, redirectUri }: CodeExchange): Promise<LinkTokens> {
  try {
    const { body, issuedAt } = await requestTokens(
      provider,
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier },
      linkTokenResponse,
    );
    return { ...toTokens(body, issuedAt), refreshToken: body.refresh_token };
  } catch (error) {
    if (error instanceof InvalidGrantError) throw badInput('The authorization code is invalid or expired', 'code');
    throw error;
  }
}

/** New tokens for a refresh token. Throws InvalidGrantError when the provider no longer accepts it (revoked, expired). */
export async function refreshAccessToken(provider: OAuthProvider, refreshToken: string): Promise<OAuthTokens> {
  const { body, issuedAt } = await requestTokens(provider, { grant_type: 'refresh_token', refresh_token: refreshToken }, tokenResponse);
  return toTokens(body, issuedAt);
}
