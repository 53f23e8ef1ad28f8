/**
 * Streaming through the gateway: devices that live by heartbeat and expire without one (the test
 * stack's STREAMING_DEVICE_TTL_SECONDS is 5), preparePlayback with a confidently mapped track (a
 * verifiable token, the start position from the state), with unmapped and uncertain ones (typed
 * NOT_FOUND with alternatives) and its rate limit, every playback command with the live event it
 * publishes, two devices pressing `next` at once, and bad inputs that change nothing.
 *
 * Playback checks tracks at the catalog (Spotify) and mapping calls YouTube, so the file holds the
 * Spotify simulator's lock, and YouTube's too while it maps (in that order, as mapping.test.ts).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPlaybackToken } from '../../subgraphs/streaming/playback-sessions/playback-token.js';
import { errorCodes, graphql, login, register, stack, type GraphQLResponse, type SignedIn } from '../harness/client.js';
import { addTracks, catalogueTracks, createPlaylist, expectError, ok, verifiedMapping, type CatalogueTrack } from '../harness/library.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';
import { TEST_ADMIN } from '../harness/test-env.js';

const STATE = `version device { id name kind } track { id } isPlaying positionMs positionUpdatedAt volumePercent shuffle repeat
  context { kind id trackCount index } queue { id } updatedAt`;
const DEVICE = 'id name kind registeredAt lastSeenAt expiresAt';
const REGISTER = `mutation ($input: RegisterDeviceInput!) { registerDevice(input: $input) { ${DEVICE} } }`;
const HEARTBEAT = `mutation ($id: ID!) { deviceHeartbeat(deviceId: $id) { ${DEVICE} } }`;
const REMOVE = 'mutation ($id: ID!) { removeDevice(id: $id) }';
const DEVICES = `query { devices { ${DEVICE} } }`;
const READ = `query { playbackState { ${STATE} } }`;
const PLAY = `mutation ($input: PlayInput!) { play(input: $input) { ${STATE} } }`;
const PREPARE = `mutation ($track: ID!, $device: ID!) {
  preparePlayback(trackId: $track, deviceId: $device) { token expiresAt track { id } device { id } youtubeVideoId embedUrl startPositionMs durationMs } }`;
const command = (name: string, params = '', args = '') =>
  `mutation (${params}${params ? ', ' : ''}$v: Int) { ${name}(${args}${args ? ', ' : ''}expectedVersion: $v) { ${STATE} } }`;
const PAUSE = command('pause');
const RESUME = command('resume');
const NEXT = command('next');
const PREVIOUS = command('previous');
const SEEK = command('seek', '$ms: Int!', 'positionMs: $ms');
const VOLUME = command('setVolume', '$p: Int!', 'volumePercent: $p');
const SHUFFLE = command('setShuffle', '$on: Boolean!', 'shuffle: $on');
const REPEAT = command('setRepeat', '$mode: RepeatMode!', 'mode: $mode');
const QUEUE = command('addToQueue', '$track: ID!', 'trackId: $track');
const TRANSFER = command('transferPlayback', '$device: ID!, $play: Boolean', 'deviceId: $device, play: $play');
const REPORT = `mutation ($input: UpdatePlaybackInput!) { updatePlayback(input: $input) { ${STATE} } }`;

type State = {
  version: number;
  device: { id: string; name: string; kind: string } | null;
  track: { id: string };
  isPlaying: boolean;
  positionMs: number;
  volumePercent: number;
  shuffle: boolean;
  repeat: string;
  context: { kind: string; id: string | null; trackCount: number; index: number | null };
  queue: { id: string }[];
};
type Device = { id: string; name: string; kind: string; lastSeenAt: string; expiresAt: string };

const TTL_SECONDS = () => Number(stack().env.STREAMING_DEVICE_TTL_SECONDS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function registerDevice(user: SignedIn, name: string, kind = 'DESKTOP'): Promise<Device> {
  return (await ok<{ registerDevice: Device }>(REGISTER, { input: { name, kind } }, user.accessToken)).registerDevice;
}

/** Heartbeats for `devices` every second until stopped, so that slow steps never let them expire. */
function keepAlive(user: SignedIn, devices: Device[]): () => void {
  const timer = setInterval(() => {
    for (const device of devices) void graphql(HEARTBEAT, { id: device.id }, { token: user.accessToken }).catch(() => undefined);
  }, 1000);
  return () => clearInterval(timer);
}

async function state(user: SignedIn, query: string, variables: Record<string, unknown> = {}): Promise<State> {
  const data = await ok<Record<string, State>>(query, variables, user.accessToken);
  return Object.values(data)[0]!;
}

const read = async (user: SignedIn) => (await ok<{ playbackState: State | null }>(READ, {}, user.accessToken)).playbackState;

let tracks: string[];
let redis: Redis;

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  // Positions 5,000-5,029: clear of the mapping tests (whose tracks must be cold) and the library tests.
  tracks = (await catalogueTracks(5_000, 30)).map((track) => track.id);
  redis = new Redis(stack().env.REDIS_URL ?? 'redis://127.0.0.1:6379');
}, LOCK_WAIT_MS + 30_000);
afterAll(async () => {
  redis?.disconnect();
  await releaseSimulatorLock('spotify');
});

describe('devices', () => {
  it('registers, lists most recently seen first, keeps alive by heartbeat, and removes', async () => {
    const ada = await register();
    const kinds = ['DESKTOP', 'MOBILE', 'TABLET', 'WEB', 'SPEAKER', 'TV'];
    const devices: Device[] = [];
    for (const kind of kinds) {
      devices.push(await registerDevice(ada, `My ${kind.toLowerCase()}`, kind));
      await sleep(5);
    }
    const first = devices[0]!;
    expect(Date.parse(first.expiresAt) - Date.parse(first.lastSeenAt)).toBe(TTL_SECONDS() * 1000);
    const listed = (await ok<{ devices: Device[] }>(DEVICES, {}, ada.accessToken)).devices;
    expect(listed.map((d) => d.kind)).toEqual([...kinds].reverse());

    const beat = (await ok<{ deviceHeartbeat: Device }>(HEARTBEAT, { id: first.id }, ada.accessToken)).deviceHeartbeat;
    expect(Date.parse(beat.lastSeenAt)).toBeGreaterThan(Date.parse(first.lastSeenAt));
    expect(beat).toMatchObject({ id: first.id, name: 'My desktop', kind: 'DESKTOP' });
    const me = await ok<{ me: { devices: { id: string }[] } }>('query { me { devices { id } } }', {}, ada.accessToken);
    expect(me.me.devices[0]!.id).toBe(first.id);

    // Another user can neither beat nor remove ada's device, and it looks like no device at all.
    const bob = await register();
    expectError(await graphql(HEARTBEAT, { id: first.id }, { token: bob.accessToken }), 'NOT_FOUND');
    expectError(await graphql(REMOVE, { id: first.id }, { token: bob.accessToken }), 'NOT_FOUND');
    expect((await ok<{ devices: Device[] }>(DEVICES, {}, bob.accessToken)).devices).toEqual([]);

    expect(await ok(REMOVE, { id: first.id }, ada.accessToken)).toEqual({ removeDevice: true });
    expectError(await graphql(REMOVE, { id: first.id }, { token: ada.accessToken }), 'NOT_FOUND');
    expect((await ok<{ devices: Device[] }>(DEVICES, {}, ada.accessToken)).devices.map((d) => d.id)).not.toContain(first.id);
    expect(errorCodes(await graphql(DEVICES))).toEqual(['UNAUTHENTICATED']);
  });

  it('forgets a device that stops sending heartbeats: not listed, no heartbeat, not playable', { timeout: 40_000 }, async () => {
    const ada = await register();
    const [beating, silent] = [await registerDevice(ada, 'Beating', 'MOBILE'), await registerDevice(ada, 'Silent', 'WEB')];
    const deadline = Date.now() + (TTL_SECONDS() + 1.5) * 1000;
    while (Date.now() < deadline) {
      await ok(HEARTBEAT, { id: beating.id }, ada.accessToken);
      await sleep(1000);
    }
    expect((await ok<{ devices: Device[] }>(DEVICES, {}, ada.accessToken)).devices.map((d) => d.id)).toEqual([beating.id]);
    expectError(await graphql(HEARTBEAT, { id: silent.id }, { token: ada.accessToken }), 'NOT_FOUND');
    expectError(await graphql(PLAY, { input: { trackId: tracks[0], deviceId: silent.id } }, { token: ada.accessToken }), 'NOT_FOUND');
    expectError(await graphql(PREPARE, { track: tracks[0], device: silent.id }, { token: ada.accessToken }), 'NOT_FOUND');
    expectError(await graphql(REMOVE, { id: silent.id }, { token: ada.accessToken }), 'NOT_FOUND');

    // When the active device expires, the state stays but reads as paused with no device.
    const playing = await state(ada, PLAY, { input: { trackId: tracks[0], deviceId: beating.id } });
    expect(playing).toMatchObject({ isPlaying: true, device: { id: beating.id } });
    await sleep((TTL_SECONDS() + 1) * 1000);
    expect(await read(ada)).toMatchObject({ version: playing.version, isPlaying: false, device: null, track: { id: tracks[0] } });
    expect(expectError(await graphql(NEXT, {}, { token: ada.accessToken }), 'NOT_FOUND').reason).toBe('NO_ACTIVE_DEVICE');
  });
});

describe('preparePlayback', () => {
  let ada: SignedIn;
  let mapped: { id: string; videoId: string };

  beforeAll(async () => {
    await holdSimulatorLock('youtube');
    ada = await register();
    const admin = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login;
    mapped = await verifiedMapping(admin.accessToken, 9000);
  }, LOCK_WAIT_MS + 60_000);
  afterAll(() => releaseSimulatorLock('youtube'));

  it('answers the confident video, its embed URL, the length, and a signed token for user, device, track and video', async () => {
    const device = await registerDevice(ada, 'Laptop');
    const before = Date.now();
    const { preparePlayback: session } = await ok(PREPARE, { track: mapped.id, device: device.id }, ada.accessToken);
    expect(session).toMatchObject({
      track: { id: mapped.id },
      device: { id: device.id },
      youtubeVideoId: mapped.videoId,
      embedUrl: `https://www.youtube.com/embed/${mapped.videoId}`,
      startPositionMs: 0,
    });
    expect(session.durationMs).toBeGreaterThan(0);
    expect(Date.parse(session.expiresAt) - before).toBeGreaterThan(590_000);
    expect(Date.parse(session.expiresAt) - before).toBeLessThanOrEqual(601_000);
    const secret = new TextEncoder().encode(stack().env.PLAYBACK_TOKEN_SECRET);
    expect(await verifyPlaybackToken(session.token, { secret })).toMatchObject({
      userId: ada.user.id,
      deviceId: device.id,
      trackId: mapped.id,
      videoId: mapped.videoId,
      expiresAt: new Date(session.expiresAt),
    });
    await expect(verifyPlaybackToken(session.token, { secret, now: new Date(Date.parse(session.expiresAt) + 1000) })).rejects.toMatchObject({ reason: 'EXPIRED' });
  });

  it('starts where the playback state has the same track, else at 0', async () => {
    const device = await registerDevice(ada, 'Phone', 'MOBILE');
    await state(ada, PLAY, { input: { trackId: mapped.id, deviceId: device.id, positionMs: 30_000 } });
    await ok(PAUSE, {}, ada.accessToken);
    const { preparePlayback: session } = await ok(PREPARE, { track: mapped.id, device: device.id }, ada.accessToken);
    expect(session.startPositionMs).toBeGreaterThanOrEqual(30_000);
    expect(session.startPositionMs).toBeLessThan(32_000);
    expect(session.embedUrl).toBe(`https://www.youtube.com/embed/${mapped.videoId}?start=${Math.floor(session.startPositionMs / 1000)}`);
    // The state changes nothing for another user.
    const bob = await register();
    const bobs = await registerDevice(bob, 'Bob');
    expect((await ok(PREPARE, { track: mapped.id, device: bobs.id }, bob.accessToken)).preparePlayback.startPositionMs).toBe(0);
  });

  it('refuses a track without a confident mapping: NOT_FOUND, NO_CONFIDENT_MAPPING, its status and no alternatives yet', async () => {
    // UNCERTAIN and UNAVAILABLE mappings (with their alternatives) are covered by
    // playback-sessions/track-mapping.test.ts: making one here would run the mapping engine, whose
    // caches the mapping tests need cold.
    const device = await registerDevice(ada, 'Tablet', 'TABLET');
    const [{ id: unmapped }] = (await catalogueTracks(5200, 1)) as [CatalogueTrack];
    const refusal = expectError(await graphql(PREPARE, { track: unmapped, device: device.id }, { token: ada.accessToken }), 'NOT_FOUND');
    expect(refusal).toMatchObject({ reason: 'NO_CONFIDENT_MAPPING', trackId: unmapped, mappingStatus: 'UNMAPPED', alternatives: [] });
  });

  it("refuses an unknown track and a device that is not the caller's", async () => {
    const device = await registerDevice(ada, 'Desk');
    expectError(await graphql(PREPARE, { track: 'zzzzzzzzzzzzzzzzzzzzzz', device: device.id }, { token: ada.accessToken }), 'NOT_FOUND');
    const bob = await register();
    expectError(await graphql(PREPARE, { track: mapped.id, device: device.id }, { token: bob.accessToken }), 'NOT_FOUND');
    expectError(await graphql(PREPARE, { track: 'short', device: device.id }, { token: ada.accessToken }), 'BAD_USER_INPUT', 'trackId');
  });

  it('is rate limited per user: the 61st in a minute is RATE_LIMITED with retryAfterSeconds', { timeout: 60_000 }, async () => {
    const carol = await register();
    const device = await registerDevice(carol, 'Carol');
    for (let i = 0; i < 60; i++) {
      const response = await graphql(PREPARE, { track: mapped.id, device: device.id }, { token: carol.accessToken });
      expect(response.errors, `call ${i + 1}`).toBeUndefined();
    }
    const limited = expectError(await graphql(PREPARE, { track: mapped.id, device: device.id }, { token: carol.accessToken }), 'RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another user is not affected.
    const dave = await register();
    const daves = await registerDevice(dave, 'Dave');
    expect((await graphql(PREPARE, { track: mapped.id, device: daves.id }, { token: dave.accessToken })).errors).toBeUndefined();
  });
});

describe('playback commands', () => {
  let ada: SignedIn;
  let desktop: Device;
  let phone: Device;
  let stop: () => void;

  beforeAll(async () => {
    ada = await register();
    desktop = await registerDevice(ada, 'Desktop', 'DESKTOP');
    phone = await registerDevice(ada, 'Phone', 'MOBILE');
    stop = keepAlive(ada, [desktop, phone]);
  });
  afterAll(() => stop?.());

  it('applies every command in order, each one version more, each published on the playback topic', async () => {
    const events: number[] = [];
    const subscriber = redis.duplicate();
    await subscriber.subscribe(`${stack().env.REDIS_KEY_PREFIX}live:playback:${ada.user.id}`);
    subscriber.on('message', (_channel, message) => events.push((JSON.parse(message) as { version: number }).version));
    try {
      const list = tracks.slice(0, 6);
      const steps: [string, Record<string, unknown>, Record<string, unknown>][] = [
        [PLAY, { input: { trackIds: list, offset: 1, deviceId: desktop.id } }, { track: { id: list[1]! }, isPlaying: true, device: { id: desktop.id, name: 'Desktop', kind: 'DESKTOP' }, context: { kind: 'TRACKS', id: null, trackCount: 6, index: 1 } }],
        [PAUSE, {}, { isPlaying: false }],
        [RESUME, {}, { isPlaying: true }],
        [SEEK, { ms: 42_000 }, { positionMs: 42_000 }],
        [VOLUME, { p: 30 }, { volumePercent: 30 }],
        [SHUFFLE, { on: true }, { shuffle: true, track: { id: list[1]! } }],
        [SHUFFLE, { on: false }, { shuffle: false, context: { kind: 'TRACKS', id: null, trackCount: 6, index: 1 } }],
        [REPEAT, { mode: 'CONTEXT' }, { repeat: 'CONTEXT' }],
        [QUEUE, { track: tracks[20] }, { queue: [{ id: tracks[20]! }] }],
        [NEXT, {}, { track: { id: tracks[20]! }, queue: [], positionMs: 0, context: { kind: 'TRACKS', id: null, trackCount: 6, index: null } }],
        [NEXT, {}, { track: { id: list[2]! }, context: { kind: 'TRACKS', id: null, trackCount: 6, index: 2 } }],
        [PREVIOUS, {}, { track: { id: list[1]! } }],
        [TRANSFER, { device: phone.id, play: false }, { device: { id: phone.id, name: 'Phone', kind: 'MOBILE' }, isPlaying: false }],
        [REPORT, { input: { deviceId: phone.id, trackId: list[4], isPlaying: true, positionMs: 1234 } }, { track: { id: list[4]! }, positionMs: 1234, isPlaying: true, context: { kind: 'TRACKS', id: null, trackCount: 6, index: 4 } }],
      ];
      let previous: State | null = await read(ada);
      const start = previous?.version ?? 0;
      for (const [query, variables, expected] of steps) {
        const next = await state(ada, query, variables);
        expect(next, query).toMatchObject(expected);
        expect(next.version).toBe((previous?.version ?? 0) + 1);
        previous = next;
      }
      expect(await read(ada)).toEqual(previous);
      const me = await ok<{ me: { playbackState: State } }>(`query { me { playbackState { ${STATE} } } }`, {}, ada.accessToken);
      expect(me.me.playbackState).toEqual(previous);
      for (let i = 0; i < 50 && events.length < steps.length; i++) await sleep(20);
      expect(events).toEqual(steps.map((_, i) => start + i + 1));
    } finally {
      subscriber.disconnect();
    }
  });

  it('plays a playlist the caller may see (read through the library) and an album (through the catalog)', async () => {
    const playlist = await createPlaylist(ada.accessToken, { name: 'Streaming mix' });
    await addTracks(ada.accessToken, playlist.id, 1, tracks.slice(10, 13));
    const fromPlaylist = await ok<{ play: State & { context: { playlist: { id: string; name: string } } } }>(
      `mutation ($input: PlayInput!) { play(input: $input) { ${STATE} context { playlist { id name } album { id } } } }`,
      { input: { playlistId: playlist.id, offset: 2 } },
      ada.accessToken,
    );
    expect(fromPlaylist.play).toMatchObject({
      track: { id: tracks[12] },
      device: { id: phone.id },
      context: { kind: 'PLAYLIST', id: playlist.id, trackCount: 3, index: 2, playlist: { id: playlist.id, name: 'Streaming mix' }, album: null },
    });

    const { track } = await ok<{ track: { album: { id: string; totalTracks: number } } }>('query ($id: ID!) { track(id: $id) { album { id totalTracks } } }', { id: tracks[0] });
    const fromAlbum = await ok<{ play: State & { context: { album: { id: string; name: string } } } }>(
      `mutation ($input: PlayInput!) { play(input: $input) { ${STATE} context { album { id name } } } }`,
      { input: { albumId: track.album.id, deviceId: desktop.id } },
      ada.accessToken,
    );
    expect(fromAlbum.play).toMatchObject({ device: { id: desktop.id }, context: { kind: 'ALBUM', id: track.album.id, trackCount: track.album.totalTracks, index: 0 } });
    expect(fromAlbum.play.context.album.name).toEqual(expect.any(String));

    // Someone else's private playlist is NOT_FOUND, as if it did not exist.
    const bob = await register();
    const secret = await createPlaylist(bob.accessToken, { name: 'Private' });
    await addTracks(bob.accessToken, secret.id, 1, tracks.slice(0, 1));
    const before = await read(ada);
    expectError(await graphql(PLAY, { input: { playlistId: secret.id } }, { token: ada.accessToken }), 'NOT_FOUND');
    expectError(await graphql(PLAY, { input: { albumId: 'zzzzzzzzzzzzzzzzzzzzzz' } }, { token: ada.accessToken }), 'NOT_FOUND');
    expect(await read(ada)).toEqual(before);
  });

  it('refuses a stale expectedVersion with CONFLICT and the current version, and applies a fresh one', async () => {
    const current = (await read(ada))!;
    const conflict = expectError(await graphql(SEEK, { ms: 1, v: current.version - 1 }, { token: ada.accessToken }), 'CONFLICT');
    expect(conflict.currentVersion).toBe(current.version);
    expect(await read(ada)).toEqual(current);
    expect(await state(ada, SEEK, { ms: 1, v: current.version })).toMatchObject({ version: current.version + 1, positionMs: 1 });
  });

  it('says why a command cannot apply: no active device, nothing played', async () => {
    const newcomer = await register();
    for (const query of [PAUSE, RESUME, NEXT, PREVIOUS]) {
      expect(expectError(await graphql(query, {}, { token: newcomer.accessToken }), 'NOT_FOUND').reason).toBe('NO_ACTIVE_DEVICE');
    }
    expect(expectError(await graphql(SHUFFLE, { on: true }, { token: newcomer.accessToken }), 'NOT_FOUND').reason).toBe('NO_PLAYBACK');
    expect(expectError(await graphql(PLAY, { input: { trackId: tracks[0] } }, { token: newcomer.accessToken }), 'NOT_FOUND').reason).toBe('NO_ACTIVE_DEVICE');
    expect(await read(newcomer)).toBeNull();
    expect(errorCodes(await graphql(NEXT))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('two devices at once', () => {
  it('two devices pressing next together advance exactly once each, in order, versions strictly increasing', async () => {
    const ada = await register();
    const [desktop, phone] = [await registerDevice(ada, 'Desktop'), await registerDevice(ada, 'Phone', 'MOBILE')];
    const stop = keepAlive(ada, [desktop, phone]);
    try {
      const list = tracks.slice(0, 30);
      let current = await state(ada, PLAY, { input: { trackIds: list, deviceId: desktop.id } });
      for (let round = 0; round < 5; round++) {
        const pressed = await Promise.all([state(ada, NEXT), state(ada, NEXT)]);
        const [first, second] = pressed.sort((a, b) => a.version - b.version) as [State, State];
        expect([first.version, second.version]).toEqual([current.version + 1, current.version + 2]);
        expect([first.context.index, second.context.index]).toEqual([current.context.index! + 1, current.context.index! + 2]);
        expect([first.track.id, second.track.id]).toEqual(list.slice(current.context.index! + 1, current.context.index! + 3));
        current = second;
      }
      // 30 presses at once: every one counted, versions gap-free.
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? state(ada, NEXT) : state(ada, SEEK, { ms: i * 1000 }))));
      expect(burst.map((s) => s.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => current.version + 1 + i));
      const after = (await read(ada))!;
      expect(after.version).toBe(current.version + 30);
      expect(after.context.index).toBe(current.context.index! + 15);
    } finally {
      stop();
    }
  });
});

describe('bad inputs', () => {
  it('are BAD_USER_INPUT naming the field, and change nothing', async () => {
    const ada = await register();
    const device = await registerDevice(ada, 'Desktop');
    const stop = keepAlive(ada, [device]);
    try {
      const empty = await createPlaylist(ada.accessToken, { name: 'Empty' });
      await state(ada, PLAY, { input: { trackIds: tracks.slice(0, 3), deviceId: device.id } });
      await state(ada, QUEUE, { track: tracks[5] });
      const before = await read(ada);
      const cases: [string, Record<string, unknown>, string][] = [
        [PLAY, { input: {} }, 'input'],
        [PLAY, { input: { trackId: tracks[0], albumId: tracks[1] } }, 'input.albumId'],
        [PLAY, { input: { trackId: 'short' } }, 'input.trackId'],
        [PLAY, { input: { trackIds: [tracks[0], 'nope'] } }, 'input.trackIds.1'],
        [PLAY, { input: { trackIds: [tracks[0], 'zzzzzzzzzzzzzzzzzzzzzz'] } }, 'input.trackIds'],
        [PLAY, { input: { trackIds: tracks.slice(0, 3), offset: 3 } }, 'input.offset'],
        [PLAY, { input: { trackIds: tracks.slice(0, 3), offset: -1 } }, 'input.offset'],
        [PLAY, { input: { trackId: tracks[0], positionMs: -1 } }, 'input.positionMs'],
        [PLAY, { input: { playlistId: 'not-a-uuid' } }, 'input.playlistId'],
        [PLAY, { input: { playlistId: empty.id } }, 'input.playlistId'],
        [PLAY, { input: { albumId: 'x' } }, 'input.albumId'],
        [SEEK, { ms: -1 }, 'positionMs'],
        [SEEK, { ms: 86_400_001 }, 'positionMs'],
        [SEEK, { ms: 5, v: -1 }, 'expectedVersion'],
        [VOLUME, { p: 101 }, 'volumePercent'],
        [VOLUME, { p: -1 }, 'volumePercent'],
        [QUEUE, { track: 'x' }, 'trackId'],
        [QUEUE, { track: 'zzzzzzzzzzzzzzzzzzzzzz' }, 'trackId'],
        [TRANSFER, { device: '' }, 'deviceId'],
        [REPORT, { input: { deviceId: device.id, trackId: tracks[0], isPlaying: true, positionMs: 86_400_001 } }, 'input.positionMs'],
        [REPORT, { input: { deviceId: device.id, trackId: 'x', isPlaying: true, positionMs: 0 } }, 'input.trackId'],
        [PREPARE, { track: 'x', device: device.id }, 'trackId'],
        [REGISTER, { input: { name: ' ', kind: 'WEB' } }, 'input.name'],
        [HEARTBEAT, { id: 'd'.repeat(65) }, 'deviceId'],
      ];
      for (const [query, variables, field] of cases) {
        const response: GraphQLResponse = await graphql(query, variables, { token: ada.accessToken });
        expectError(response, 'BAD_USER_INPUT', field);
        expect(response.data ?? null, `${field} in ${JSON.stringify(variables)}`).toBeNull();
      }
      expect(await read(ada)).toEqual(before);
      expect((await ok<{ devices: Device[] }>(DEVICES, {}, ada.accessToken)).devices.map((d) => d.id)).toEqual([device.id]);
    } finally {
      stop();
    }
  });
});
