/**
 * The YouTube simulator: YouTube Data API v3 (videos, search, channels, playlistItems, playlists
 * under /youtube/v3/) with the project's daily quota, and Google's OAuth 2.0 endpoints for the
 * simulated account, on one server. The framework (../kit.ts) mounts the router, counts requests,
 * rate-limits and injects faults; everything YouTube-specific lives here.
 */
import express from 'express';
import type { ProviderSimulatorFactory, SimulatedError } from '../kit.js';
import { registerChannelRoutes } from './api/channels.js';
import type { DataApiContext } from './api/context.js';
import { registerPlaylistRoutes } from './api/playlists.js';
import { registerSearchRoutes } from './api/search.js';
import { registerVideoRoutes } from './api/videos.js';
import { youtubeControlRouter } from './control.js';
import { simulatedGoogleError } from './errors.js';
import { simulatedGoogleUser, type GoogleUser } from './google-user.js';
import { IdTokenSigner } from './oauth/id-token.js';
import { registerGoogleOAuthRoutes } from './oauth/routes.js';
import { GoogleTokenStore } from './oauth/token-store.js';
import { QuotaLedger } from './quota.js';
import { SearchEngine } from './search-engine.js';
import { DEFAULT_API_KEY, DEFAULT_OAUTH_CLIENT, DEFAULT_USER_PLAYLISTS, parseYouTubeOptions, type YouTubeSettings } from './settings.js';
import { YouTubeWorld } from './world.js';

export const youtubeSimulator: ProviderSimulatorFactory = ({ catalogue, now }) => {
  const world = new YouTubeWorld(catalogue);
  const quota = new QuotaLedger(now);
  const tokens = new GoogleTokenStore(now);
  const idTokens = new IdTokenSigner(now);
  const settings: YouTubeSettings = {
    apiKeys: new Set([DEFAULT_API_KEY]),
    clients: [DEFAULT_OAUTH_CLIENT],
    userPlaylists: DEFAULT_USER_PLAYLISTS,
  };
  let user: GoogleUser | undefined;
  const currentUser = () => (user ??= simulatedGoogleUser(catalogue, settings.userPlaylists));

  const ctx: DataApiContext = { world, quota, tokens, search: new SearchEngine(world), user: currentUser, apiKeys: () => settings.apiKeys };
  const router = express.Router();
  registerVideoRoutes(router, ctx);
  registerSearchRoutes(router, ctx);
  registerChannelRoutes(router, ctx);
  registerPlaylistRoutes(router, ctx);
  registerGoogleOAuthRoutes(router, { tokens, idTokens, user: currentUser, clients: () => settings.clients });

  return {
    name: 'youtube',
    router,
    control: youtubeControlRouter(quota, tokens, currentUser),
    stats: () => ({ youtube: quota.snapshot(), oauth: tokens.counts() }),
    reset: () => {
      // Usage and grants go; configured limits, keys and clients stay.
      quota.clear();
      tokens.clear();
    },
    configure: (options) => {
      const parsed = parseYouTubeOptions(options);
      quota.set({ unitsLimit: parsed.unitsLimit, searchLimit: parsed.searchLimit });
      if (parsed.tokenTtlSeconds !== undefined) tokens.accessTokenTtlSeconds = parsed.tokenTtlSeconds;
      if (parsed.apiKeys) settings.apiKeys = new Set(parsed.apiKeys);
      if (parsed.oauthClients) settings.clients = parsed.oauthClients;
      if (parsed.userPlaylists !== undefined && parsed.userPlaylists !== settings.userPlaylists) {
        settings.userPlaylists = parsed.userPlaylists;
        user = undefined;
      }
    },
    errorBody: (error: SimulatedError) => simulatedGoogleError(error.status, error.message, error.reason),
  };
};
