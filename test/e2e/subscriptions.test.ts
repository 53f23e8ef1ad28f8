/**
 * Subscriptions at the gateway over graphql-ws, with the real graphql-ws client over `ws`: a change
 * reaches subscribers with fields of several subgraphs, through one gateway process or another;
 * what a subscriber may not see is refused at subscribe time with a typed error; a revoked session's
 * socket and an expired token's socket are closed (4403); jobs complete their subscription; metrics.
 *
 * Live events are published here the way the owning subgraph publishes them (the subgraphs' own
 * publishing may send more of them; every payload is the current state, so tests wait for the state
 * they expect). Playlist edits ask the catalog (and so Spotify) about their tracks and a mapping job
 * calls Spotify and YouTube, so the file holds the Spotify simulator's lock, and YouTube's for the job.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobTopic, playbackTopic, playlistTopic } from '../../platform/live/live-events.js';
import { graphql, register, stack, type SignedIn } from '../harness/client.js';
import { addTracks, catalogueTracks, createPlaylist, ok, UPDATE, type CatalogueTrack } from '../harness/library.js';
import {
  closeLiveHelpers, liveClient, publishEvent, publishUntil, signAccessToken, startSecondGateway, subscribe, type LiveClient,
} from '../harness/live.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';
import { parseExposition } from '../harness/prometheus-text.js';

const PLAYLIST_CHANGED = `subscription Watch($id: ID!) {
  playlistChanged(id: $id) { id name version items { nodes { track { name } } } }
}`;
const PLAYBACK_CHANGED = 'subscription { playbackStateChanged { isPlaying track { name } } }';
const JOB_UPDATED = 'subscription ($id: ID!) { jobUpdated(id: $id) { id state progress } }';

interface PlaylistPayload {
  playlistChanged: { id: string; name: string; version: number; items: { nodes: { track: { name: string } }[] } } | null;
}

let owner: SignedIn;
let stranger: SignedIn;
let tracks: CatalogueTrack[];
const clients: LiveClient[] = [];

/** A client closed after the test. */
function open(options: Parameters<typeof liveClient>[0] = {}): LiveClient {
  const client = liveClient(options);
  clients.push(client);
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const codesOf = (ended: Awaited<ReturnType<typeof subscribe>['ended']>) =>
  'errors' in ended ? ended.errors?.map((e) => e.extensions?.code) : ended;

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  [owner, stranger] = await Promise.all([register(), register()]);
  tracks = await catalogueTracks(5_100, 3); // clear of the mapping tests, whose tracks must be cold
}, LOCK_WAIT_MS + 30_000);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

afterAll(async () => {
  await closeLiveHelpers();
  await releaseSimulatorLock('youtube');
  await releaseSimulatorLock('spotify');
});

describe('playlist changes', () => {
  it('reach a subscriber with fields of the library and the catalog; nothing is sent at subscribe time', async () => {
    const playlist = await createPlaylist(owner.accessToken, { name: 'Live' });
    const live = open({ token: owner.accessToken });
    const subscription = subscribe<PlaylistPayload>(live, PLAYLIST_CHANGED, { id: playlist.id });
    await live.connected;
    await sleep(500);
    expect(subscription.payloads).toEqual([]);

    await addTracks(owner.accessToken, playlist.id, playlist.version, tracks.slice(0, 2).map((t) => t.id));
    const payload = await publishUntil(subscription, playlistTopic(playlist.id), (p) => p.data?.playlistChanged?.version === 2);
    expect(payload.errors).toBeUndefined();
    expect(payload.data?.playlistChanged).toMatchObject({ id: playlist.id, name: 'Live', version: 2 });
    expect(payload.data?.playlistChanged?.items.nodes.map((node) => node.track.name)).toEqual(tracks.slice(0, 2).map((t) => t.name));
  });

  it("keep the client's alias, fragments and variables", async () => {
    const playlist = await createPlaylist(owner.accessToken, { name: 'Aliased' });
    const live = open({ token: owner.accessToken });
    const subscription = subscribe<{ mine: Record<string, unknown> }>(
      live,
      `subscription ($id: ID!, $withItems: Boolean!) { mine: playlistChanged(id: $id) { ...Head items @include(if: $withItems) { totalCount } } }
       fragment Head on Playlist { id name owner { id } }`,
      { id: playlist.id, withItems: true },
    );
    const payload = await publishUntil(subscription, playlistTopic(playlist.id), (p) => Boolean(p.data));
    expect(payload).toEqual({ data: { mine: { id: playlist.id, name: 'Aliased', owner: { id: owner.user.id }, items: { totalCount: 0 } } } });
  });

  it('reach subscribers of a second gateway process when the change goes through the first', { timeout: 90_000 }, async () => {
    const second = await startSecondGateway();
    try {
      const playlist = await createPlaylist(owner.accessToken, { name: 'Replicated' });
      const onSecond = subscribe<PlaylistPayload>(open({ url: second.url, token: owner.accessToken }), PLAYLIST_CHANGED, { id: playlist.id });
      const onFirst = subscribe<PlaylistPayload>(open({ token: owner.accessToken }), PLAYLIST_CHANGED, { id: playlist.id });
      // Both are set up once each has had a payload.
      await publishUntil(onSecond, playlistTopic(playlist.id), (p) => p.data?.playlistChanged?.version === 1);
      await publishUntil(onFirst, playlistTopic(playlist.id), (p) => p.data?.playlistChanged?.version === 1);

      await ok(UPDATE, { id: playlist.id, v: 1, input: { name: 'Renamed' } }, owner.accessToken);
      await publishEvent(playlistTopic(playlist.id), { version: 2 });
      const renamed = (p: { data?: PlaylistPayload | null }) => p.data?.playlistChanged?.name === 'Renamed';
      expect((await onSecond.next(renamed)).data?.playlistChanged?.version).toBe(2);
      expect((await onFirst.next(renamed)).data?.playlistChanged?.version).toBe(2);
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.dispose()));
      await second.stop();
    }
  });

  it('reach anonymous subscribers of a public playlist; a private one is refused', async () => {
    const shared = await createPlaylist(owner.accessToken, { name: 'Shared', isPublic: true });
    const hidden = await createPlaylist(owner.accessToken, { name: 'Hidden' });
    const anonymous = open();
    const watching = subscribe<PlaylistPayload>(anonymous, PLAYLIST_CHANGED, { id: shared.id });
    const payload = await publishUntil(watching, playlistTopic(shared.id), (p) => Boolean(p.data?.playlistChanged));
    expect(payload.data?.playlistChanged?.name).toBe('Shared');

    const refused = subscribe(anonymous, PLAYLIST_CHANGED, { id: hidden.id });
    expect(codesOf(await refused.ended)).toEqual(['NOT_FOUND']);
  });
});

describe('refused at subscribe time', () => {
  it("someone else's private playlist", async () => {
    const mine = await createPlaylist(owner.accessToken, { name: 'Mine alone' });
    const subscription = subscribe(open({ token: stranger.accessToken }), PLAYLIST_CHANGED, { id: mine.id });
    expect(codesOf(await subscription.ended)).toEqual(['NOT_FOUND']);
  });

  it('playback state without signing in', async () => {
    const subscription = subscribe(open(), PLAYBACK_CHANGED);
    expect(codesOf(await subscription.ended)).toEqual(['UNAUTHENTICATED']);
  });

  it('what is not a valid, served, affordable subscription', async () => {
    const live = open({ token: owner.accessToken });
    const cases: [string, string][] = [
      ['subscription { nothingChanged { id } }', 'GRAPHQL_VALIDATION_FAILED'],
      ['subscription { playbackStateChanged { volume } }', 'GRAPHQL_VALIDATION_FAILED'],
      ['query { playbackState { isPlaying } }', 'BAD_REQUEST'],
      [`subscription { playbackStateChanged { ${'track { album { artists { topTracks { '.repeat(3)}name${' } } } }'.repeat(3)} } }`, 'QUERY_TOO_COMPLEX'],
    ];
    for (const [query, code] of cases) {
      expect(codesOf(await subscribe(live, query).ended), query).toContain(code);
    }
  });

  it('playback state for a signed-in user is accepted, and follows their events', async () => {
    const subscription = subscribe<{ playbackStateChanged: unknown }>(open({ token: owner.accessToken }), PLAYBACK_CHANGED);
    // Nothing played yet: the state is null, and the subscription stands.
    const payload = await publishUntil(subscription, playbackTopic(owner.user.id), () => true);
    expect(payload).toEqual({ data: { playbackStateChanged: null } });
  });
});

describe('playback across devices and gateway processes', () => {
  const PLAY = 'mutation ($track: ID!, $device: ID!) { play(input: { trackId: $track, deviceId: $device }) { version } }';
  const TRANSFER = 'mutation ($device: ID!) { transferPlayback(deviceId: $device, play: true) { version } }';
  const WATCH = `subscription { playbackStateChanged {
    version isPlaying device { id name } track { id name artists { name } lyrics { url } }
  } }`;
  interface PlaybackPayload {
    playbackStateChanged: { version: number; isPlaying: boolean; device: { id: string; name: string } | null; track: { id: string; name: string; artists: { name: string }[]; lyrics: { url: string } | null } } | null;
  }

  async function device(user: SignedIn, name: string, kind: string): Promise<string> {
    const response = await graphql('mutation ($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }', { input: { name, kind } }, { token: user.accessToken });
    expect(response.errors).toBeUndefined();
    return response.data!.registerDevice.id;
  }

  it('a change made on one device through one gateway reaches the other device subscribed through another, with catalog and lyrics fields', { timeout: 90_000 }, async () => {
    const second = await startSecondGateway();
    try {
      const listener = await register();
      const [phone, laptop] = await Promise.all([device(listener, 'Phone', 'MOBILE'), device(listener, 'Laptop', 'DESKTOP')]);
      // The laptop listens through the second gateway; nothing here publishes: streaming does.
      const live = open({ url: second.url, token: listener.accessToken });
      const watching = subscribe<PlaybackPayload>(live, WATCH);
      await live.connected;
      await sleep(500);

      const played = await graphql(PLAY, { track: tracks[0]!.id, device: phone }, { token: listener.accessToken });
      expect(played.errors).toBeUndefined();
      const version = played.data!.play.version as number;
      const first = await watching.next((p) => p.data?.playbackStateChanged?.version === version);
      expect(first.errors).toBeUndefined();
      expect(first.data!.playbackStateChanged).toMatchObject({
        isPlaying: true,
        device: { id: phone, name: 'Phone' },
        track: { id: tracks[0]!.id, name: tracks[0]!.name, artists: tracks[0]!.artists.map((a) => ({ name: a.name })) },
      });
      expect(first.data!.playbackStateChanged!.track).toHaveProperty('lyrics'); // resolved by the lyrics subgraph

      const moved = await graphql(TRANSFER, { device: laptop }, { token: listener.accessToken });
      expect(moved.errors).toBeUndefined();
      const second_ = await watching.next((p) => p.data?.playbackStateChanged?.version === moved.data!.transferPlayback.version);
      expect(second_.data!.playbackStateChanged).toMatchObject({ isPlaying: true, device: { id: laptop, name: 'Laptop' } });
      expect(moved.data!.transferPlayback.version).toBeGreaterThan(version);
    } finally {
      await second.stop();
    }
  });
});

describe('jobs', () => {
  it("refuses someone else's job, and ends the owner's subscription after its final state", { timeout: LOCK_WAIT_MS + 60_000 }, async () => {
    await holdSimulatorLock('youtube');
    try {
      const [track] = await catalogueTracks(11200, 1, { hasAcceptableUpload: true, hasOdesli: true });
      const requested = await ok<{ requestMapping: { id: string } }>(
        'mutation ($ids: [ID!]!) { requestMapping(trackIds: $ids) { id } }',
        { ids: [track!.id] },
        owner.accessToken,
      );
      const id = requested.requestMapping.id;

      expect(codesOf(await subscribe(open({ token: stranger.accessToken }), JOB_UPDATED, { id }).ended)).toEqual(['NOT_FOUND']);
      // Jobs need signing in: the catalog's own rule answers that, through the check.
      expect(codesOf(await subscribe(open(), JOB_UPDATED, { id }).ended)).toEqual(['UNAUTHENTICATED']);

      type JobPayload = { jobUpdated: { id: string; state: string; progress: number } };
      const following = subscribe<JobPayload>(open({ token: owner.accessToken }), JOB_UPDATED, { id });
      // The worker publishes its own events; ours make sure the end is seen even if it finished first.
      const deadline = Date.now() + 60_000;
      let ended: Awaited<typeof following.ended> | undefined;
      void following.ended.then((outcome) => (ended = outcome));
      while (!ended && Date.now() < deadline) {
        await publishEvent(jobTopic(id));
        await sleep(300);
      }
      expect(ended).toEqual({ completed: true });
      const last = following.payloads.at(-1)!;
      expect(last.data?.jobUpdated).toMatchObject({ id, state: 'COMPLETED', progress: 100 });
      // The hidden state the gateway adds to know when to end is not in the payload.
      expect(Object.keys(last.data!.jobUpdated).sort()).toEqual(['id', 'progress', 'state']);

      // Subscribing to a finished job sends its final state at once, then ends.
      const late = subscribe<{ jobUpdated: { state: string } }>(open({ token: owner.accessToken }), JOB_UPDATED, { id });
      expect(await late.ended).toEqual({ completed: true });
      expect(late.payloads.map((p) => p.data?.jobUpdated?.state)).toEqual(['COMPLETED']);
    } finally {
      await releaseSimulatorLock('youtube');
    }
  });
});

describe('authentication', () => {
  it("closes a revoked session's socket within a few seconds (4403 SESSION_ENDED)", async () => {
    const user = await register();
    const live = open({ token: user.accessToken });
    const playlist = await createPlaylist(user.accessToken, { name: 'Until logout' });
    const subscription = subscribe<PlaylistPayload>(live, PLAYLIST_CHANGED, { id: playlist.id });
    await publishUntil(subscription, playlistTopic(playlist.id), (p) => Boolean(p.data?.playlistChanged));

    const loggedOut = await graphql<{ logout: boolean }>('mutation { logout }', {}, { token: user.accessToken });
    expect(loggedOut.data?.logout).toBe(true);
    const started = Date.now();
    expect(await live.closed).toEqual({ code: 4403, reason: 'SESSION_ENDED' });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(await subscription.ended).toEqual({ completed: false, close: { code: 4403, reason: 'SESSION_ENDED' } });

    // Connecting again with the same token is refused at once.
    expect(await open({ token: user.accessToken }).closed).toEqual({ code: 4403, reason: 'SESSION_ENDED' });
  });

  it('closes the socket when its access token expires (4403 TOKEN_EXPIRED)', async () => {
    const user = await register();
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const token = await signAccessToken({ sub: user.user.id, sid: user.session.id }, expiresAt);
    const live = open({ token });
    await live.connected;
    const subscription = subscribe(live, PLAYBACK_CHANGED);
    expect(await live.closed).toEqual({ code: 4403, reason: 'TOKEN_EXPIRED' });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000 - 50);
    expect(await subscription.ended).toMatchObject({ completed: false, close: { code: 4403 } });
  });

  it('refuses bad tokens on connect (4403 with the reason), whichever way they come', async () => {
    expect(await open({ token: 'not.a.jwt' }).closed).toEqual({ code: 4403, reason: 'INVALID_TOKEN' });
    expect(await open({ connectionParams: { authorization: 'Basic dXNlcjpwYXNz' } }).closed).toEqual({ code: 4403, reason: 'MALFORMED_TOKEN' });
    expect(await open({ connectionParams: { token: 42 } }).closed).toEqual({ code: 4403, reason: 'MALFORMED_TOKEN' });
    // The same token as connectionParams `token` works.
    const live = open({ connectionParams: { token: owner.accessToken } });
    await live.connected;
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const url = stack().gatewayUrl.replace(/\/graphql$/, '/elsewhere');
    expect(await open({ url }).closed).toMatchObject({ code: 1006 });
  });
});

describe('metrics', () => {
  it('counts open subscriptions, events and resolutions on /metrics', async () => {
    const metricsUrl = stack().gatewayUrl.replace(/\/graphql$/, '/metrics');
    const read = async () => {
      const metrics = parseExposition(await (await fetch(metricsUrl)).text());
      return {
        open: metrics.sum('subscriptions_open', { field: 'playlistChanged' }),
        events: metrics.sum('subscription_events_total', { kind: 'playlist' }),
        resolutions: metrics.sum('subscription_resolutions_total', { field: 'playlistChanged', reason: 'event', outcome: 'ok' }),
      };
    };
    const before = await read();
    const playlist = await createPlaylist(owner.accessToken, { name: 'Counted' });
    const subscription = subscribe<PlaylistPayload>(open({ token: owner.accessToken }), PLAYLIST_CHANGED, { id: playlist.id });
    await publishUntil(subscription, playlistTopic(playlist.id), (p) => Boolean(p.data?.playlistChanged));
    const during = await read();
    expect(during.open).toBe(before.open + 1);
    expect(during.events).toBeGreaterThan(before.events);
    expect(during.resolutions).toBeGreaterThan(before.resolutions);
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await expect.poll(async () => (await read()).open).toBe(before.open);
  });
});
