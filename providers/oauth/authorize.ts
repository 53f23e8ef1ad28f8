/** The provider's consent page the user is sent to: authorization-code flow with PKCE (S256) and our state. */
import { oauthSettings, type OAuthProvider } from './providers.js';

export interface AuthorizeParams {
  state: string;
  codeChallenge: string;
  redirectUri: string;
  /** Defaults to the provider's scopes (providers.ts). */
  scopes?: string[];
}

export function authorizeUrl(provider: OAuthProvider, { state, codeChallenge, redirectUri, scopes }: AuthorizeParams): string {
  const settings = oauthSettings(provider);
  const url = new URL(settings.authorizeUrl);
  const params = {
    client_id: settings.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: (scopes ?? settings.scopes).join(' '),
    state,
    code_challenge_method: 'S256',
    code_challenge: codeChallenge,
    ...settings.authorizeParams,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
