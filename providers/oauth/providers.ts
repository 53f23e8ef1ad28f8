/**
 * The two OAuth providers a user can link, and what we need to know about each: endpoints and
 * client credentials (from platform/config.ts), the scopes we ask for, and how the client
 * authenticates at the token endpoint. Read at call time, so tests can point them anywhere.
 */
import { config } from '../../platform/config.js';
import { providerUnavailable } from './errors.js';

export const OAUTH_PROVIDERS = ['spotify', 'google'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** `path` under a configured base URL, with or without its trailing slash. */
export const urlUnder = (base: string, path: string) => `${base.replace(/\/$/, '')}${path}`;

/** Where a request goes, named as the shared HTTP layer names its per-provider breakers. */
export type OAuthTarget = 'spotify-accounts' | 'spotify' | 'google-oauth' | 'youtube';

/** Read-only access to the user's profile and library (playlists, saved tracks). */
export const SPOTIFY_SCOPES = ['user-read-private', 'user-read-email', 'playlist-read-private', 'playlist-read-collaborative', 'user-library-read'];
/** Read-only YouTube: the user's channel, playlists and likes. */
export const GOOGLE_SCOPES = ['https://www.googleapis.com/auth/youtube.readonly'];

export interface OAuthSettings {
  provider: OAuthProvider;
  authorizeUrl: string;
  tokenUrl: string;
  /** Breaker name of the token endpoint. */
  tokenTarget: OAuthTarget;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string[];
  /**
   * `basic`: client id and secret in an Authorization header (RFC 6749 §2.3.1, what Spotify documents);
   * `body`: both as form fields (what Google documents).
   */
  clientAuthentication: 'basic' | 'body';
  /** Provider-specific authorize parameters. */
  authorizeParams: Record<string, string>;
}

// Without a client id nothing can be linked; the message says so without naming our variables.
const notConfigured = (provider: OAuthProvider) => providerUnavailable(provider, 'NOT_CONFIGURED', 'account linking is not configured');

export function oauthSettings(provider: OAuthProvider): OAuthSettings {
  const c = config();
  if (provider === 'spotify') {
    if (!c.SPOTIFY_CLIENT_ID) throw notConfigured(provider);
    return {
      provider,
      authorizeUrl: urlUnder(c.SPOTIFY_ACCOUNTS_URL, '/authorize'),
      tokenUrl: urlUnder(c.SPOTIFY_ACCOUNTS_URL, '/api/token'),
      tokenTarget: 'spotify-accounts',
      clientId: c.SPOTIFY_CLIENT_ID,
      clientSecret: c.SPOTIFY_CLIENT_SECRET,
      scopes: SPOTIFY_SCOPES,
      clientAuthentication: 'basic',
      authorizeParams: {},
    };
  }
  if (!c.GOOGLE_CLIENT_ID) throw notConfigured(provider);
  return {
    provider,
    authorizeUrl: c.GOOGLE_AUTHORIZE_URL,
    tokenUrl: c.GOOGLE_TOKEN_URL,
    tokenTarget: 'google-oauth',
    clientId: c.GOOGLE_CLIENT_ID,
    clientSecret: c.GOOGLE_CLIENT_SECRET,
    scopes: GOOGLE_SCOPES,
    clientAuthentication: 'body',
    // A refresh token (offline), and the consent screen every time: Google issues a refresh token
    // only on consent, and a relink must get a new one.
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
  };
}
