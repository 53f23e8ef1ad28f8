/**
 * The Spotify simulator: accounts service (`/api/token`, `/authorize`) and Web API (`/v1/...`) on
 * one port, over the generated catalogue. Base URLs: API `http://host:port/v1`, accounts
 * `http://host:port`. Its own control routes live under `/_simulator/spotify/`:
 *   POST expire-tokens · POST users · GET users/:id · PUT playlists/:id/items
 */
import express from 'express';
import type { ProviderSimulatorFactory } from '../kit.js';
import { accountsRouter } from './accounts.js';
import { ArtistDiscographyIndex, type SpotifyContext } from './context.js';
import { webApiErrorBody } from './errors.js';
import { defaultSpotifyOptions, updateOptions, type SpotifyOptions } from './options.js';
import { TokenStore } from './tokens.js';
import { UserStore } from './users.js';
import { webApiRouter } from './web-api.js';

export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './options.js';
export { DEFAULT_USER_ID } from './users.js';

export const spotifySimulator: ProviderSimulatorFactory = ({ catalogue, now }) => {
  let options: SpotifyOptions = defaultSpotifyOptions();
  const tokens = new TokenStore(now, () => options.tokenTtlSeconds);
  const users = new UserStore(catalogue, now);
  const ctx: SpotifyContext = {
    catalogue, tokens, users,
    options: () => options,
    discography: new ArtistDiscographyIndex(catalogue),
    counters: { severalItemsRefused: 0, quotaRefused: 0 },
  };

  const router = express.Router();
  router.use(accountsRouter({ options: ctx.options, tokens, ensureUser: (id) => users.ensure(id) }));
  router.use('/v1', webApiRouter(ctx));

  const control = express.Router();
  control.post('/expire-tokens', (_req, res) => {
    res.json({ expired: tokens.expireAll() });
  });
  control.post('/users', (req, res) => {
    res.status(201).json(users.create(req.body));
  });
  control.get('/users/:id', (req, res) => {
    const user = users.users.get(req.params.id);
    if (!user) res.status(404).json({ error: `no user ${req.params.id}` });
    else res.json({ ...user, playlists: user.playlistIds.map((id) => users.playlists.get(id)) });
  });
  control.put('/playlists/:id/items', (req, res) => {
    res.json({ snapshotId: users.setItems(req.params.id, (req.body as { trackIds?: unknown } | undefined)?.trackIds) });
  });

  return {
    name: 'spotify',
    router,
    control,
    errorBody: (error) => webApiErrorBody(error),
    configure: (update) => {
      options = updateOptions(options, update);
    },
    stats: () => ({ ...tokens.stats(), ...ctx.counters, users: users.users.size, playlists: users.playlists.size, severalItems: options.severalItems, quotaExceeded: options.quotaExceeded }),
    reset: () => {
      options = defaultSpotifyOptions();
      tokens.reset();
      users.reset();
      ctx.counters.severalItemsRefused = 0;
      ctx.counters.quotaRefused = 0;
    },
  };
};
