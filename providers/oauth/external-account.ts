/**
 * Who the user is at the provider, read with the access token a link just obtained: the Spotify
 * user (`GET /me`), or the YouTube channel of the Google account (`channels.list?mine=true`, 1 unit).
 * Its id is what makes one external account linkable to only one of our users.
 */
import { z } from 'zod';
import { config } from '../../platform/config.js';
import { AppError, ErrorCode } from '../../platform/errors.js';
import { urlUnder, type OAuthProvider } from './providers.js';
import { parseOk } from './responses.js';
import { sendOAuthRequest, type OAuthRequest } from './transport.js';

export interface ExternalAccount {
  /** Spotify user id, or YouTube channel id. */
  externalId: string;
  displayName: string | null;
}

const spotifyMe = z.object({ id: z.string().min(1), display_name: z.string().nullish() });

const youtubeChannels = z.object({
  items: z.array(z.object({ id: z.string().min(1), snippet: z.object({ title: z.string() }).optional() })).default([]),
});

const withBearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

export async function fetchExternalAccount(provider: OAuthProvider, accessToken: string): Promise<ExternalAccount> {
  const c = config();
  if (provider === 'spotify') {
    const request: OAuthRequest = { endpoint: 'GET /me', url: urlUnder(c.SPOTIFY_API_URL, '/me'), method: 'GET', headers: withBearer(accessToken) };
    const me = parseOk(provider, request, await sendOAuthRequest(provider, 'spotify', request), spotifyMe);
    return { externalId: me.id, displayName: me.display_name || null };
  }
  const url = new URL(urlUnder(c.YOUTUBE_API_URL, '/channels'));
  url.search = new URLSearchParams({ part: 'snippet', mine: 'true' }).toString();
  const request: OAuthRequest = { endpoint: 'GET /channels', url: url.toString(), method: 'GET', headers: withBearer(accessToken) };
  const { items } = parseOk(provider, request, await sendOAuthRequest(provider, 'youtube', request), youtubeChannels);
  const channel = items[0];
  // Without a channel there is no YouTube library to read; the user can pick another Google account.
  if (!channel) throw new AppError(ErrorCode.BAD_USER_INPUT, 'This Google account has no YouTube channel', { reason: 'NO_YOUTUBE_CHANNEL' });
  return { externalId: channel.id, displayName: channel.snippet?.title || null };
}
