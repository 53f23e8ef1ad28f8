/**
 * The playback state against the real Redis (REDIS_URL, default 127.0.0.1:6379) under a key prefix
 * of this file's own: every command of player.lua, refusals that write nothing, versions, and
 * concurrent commands from two devices on two connections that lose no update.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedRedisPrefix } from '../../../providers/testing/redis-prefix.js';
import type { PlaybackRecord } from './records.js';

const { cleanup } = isolatedRedisPrefix();
const { connectRedis } = await import('../../../platform/redis/connection.js');
const { registerDevice } = await import('./devices.js');
const { applyPlayerCommand, positionAt, readPlayback } = await import('./player.js');
const { MAX_QUEUE_LENGTH, playerKey, versionKey } = await import('./keys.js');
type PlayerCommand = import('./player.js').PlayerCommand;

let redis: Redis;
let other: Redis;
beforeAll(() => {
  redis = connectRedis();
  other = connectRedis();
});
afterAll(async () => {
  await Promise.all([redis.quit(), other.quit()]);
  await cleanup();
});

const TTL = { deviceTtlSeconds: 90 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Distinct, well-formed track ids: `t000…0`, `t000…1`, … */
const tracks = (n: number, label = 't') => Array.from({ length: n }, (_, i) => `${label}${String(i).padStart(22 - label.length, '0')}`);

async function listener(kinds: ('DESKTOP' | 'MOBILE')[] = ['DESKTOP', 'MOBILE']) {
  const userId = randomUUID();
  const devices = await Promise.all(kinds.map((kind) => registerDevice(redis, userId, { name: kind, kind }, { ttlSeconds: 90 })));
  const run = (command: PlayerCommand, options: { expectedVersion?: number } = {}, connection = redis) =>
    applyPlayerCommand(connection, userId, command, { ...TTL, ...options });
  return { userId, devices, run, read: () => readPlayback(redis, userId, TTL) };
}

const playList = (deviceId: string | null, trackIds: string[], offset = 0, positionMs = 0): PlayerCommand => ({
  kind: 'play',
  deviceId,
  context: { kind: 'TRACKS', id: null },
  trackIds,
  offset,
  positionMs,
});

/** The state and keys of a user, to prove a refused command wrote nothing. */
async function rawState(userId: string) {
  return { player: await redis.get(playerKey(userId)), version: await redis.get(versionKey(userId)) };
}

describe('play', () => {
  it('starts a context at an offset on a device, version 1, with defaults for the modes', async () => {
    const { devices, run, read } = await listener();
    const list = tracks(5);
    const state = await run(playList(devices[0]!.id, list, 2, 1500));
    expect(state).toMatchObject({
      version: 1,
      deviceId: devices[0]!.id,
      deviceAlive: true,
      trackId: list[2],
      isPlaying: true,
      positionMs: 1500,
      volumePercent: 100,
      shuffle: false,
      repeat: 'OFF',
      context: { kind: 'TRACKS', id: null, trackCount: 5, index: 2 },
      queue: [],
    });
    expect(await read()).toEqual(state);
  });

  it('plays a playlist or album context, keeps the queue and modes, and without a device uses the active one', async () => {
    const { devices, run } = await listener();
    await run(playList(devices[0]!.id, tracks(3)));
    await run({ kind: 'queue', trackId: tracks(1, 'q')[0]! });
    await run({ kind: 'repeat', mode: 'CONTEXT' });
    const album = tracks(4, 'a');
    const state = await run({ kind: 'play', deviceId: null, context: { kind: 'ALBUM', id: 'album0000000000000000001' }, trackIds: album, offset: 1, positionMs: 0 });
    expect(state).toMatchObject({
      version: 4,
      deviceId: devices[0]!.id,
      trackId: album[1],
      repeat: 'CONTEXT',
      context: { kind: 'ALBUM', id: 'album0000000000000000001', trackCount: 4, index: 1 },
      queue: [tracks(1, 'q')[0]],
    });
  });

  it('refuses an unknown device, and no device when none is active, writing nothing', async () => {
    const { userId, devices, run } = await listener();
    await expect(run(playList(null, tracks(2)))).rejects.toMatchObject({ reason: 'NO_ACTIVE_DEVICE', currentVersion: 0 });
    await expect(run(playList(randomUUID(), tracks(2)))).rejects.toMatchObject({ reason: 'DEVICE_NOT_FOUND' });
    expect(await rawState(userId)).toEqual({ player: null, version: null });
    await run(playList(devices[0]!.id, tracks(2)));
    const before = await rawState(userId);
    await expect(run(playList(randomUUID(), tracks(2)))).rejects.toMatchObject({ reason: 'DEVICE_NOT_FOUND', currentVersion: 1 });
    expect(await rawState(userId)).toEqual(before);
  });
});

describe('transport', () => {
  it('pauses where the track is, resumes from there, and seeks', async () => {
    const { devices, run } = await listener();
    await run(playList(devices[0]!.id, tracks(2), 0, 10_000));
    await sleep(120);
    const paused = await run({ kind: 'pause' });
    expect(paused.isPlaying).toBe(false);
    expect(paused.positionMs).toBeGreaterThanOrEqual(10_120);
    expect(paused.positionMs).toBeLessThan(11_000);
    await sleep(50);
    const resumed = await run({ kind: 'resume' });
    expect(resumed).toMatchObject({ isPlaying: true, positionMs: paused.positionMs, version: 3 });
    expect(positionAt(resumed, resumed.positionUpdatedAt.getTime() + 2000)).toBe(paused.positionMs + 2000);
    const sought = await run({ kind: 'seek', positionMs: 42_000 });
    expect(sought).toMatchObject({ isPlaying: true, positionMs: 42_000, version: 4 });
    expect(await run({ kind: 'volume', volumePercent: 35 })).toMatchObject({ volumePercent: 35, positionMs: 42_000, version: 5 });
  });

  it('goes next and previous through the context; stops at the end without repeat, wraps with repeat CONTEXT', async () => {
    const { devices, run } = await listener();
    const list = tracks(3);
    await run(playList(devices[0]!.id, list, 1, 30_000));
    expect(await run({ kind: 'next' })).toMatchObject({ trackId: list[2], positionMs: 0, isPlaying: true, context: { index: 2 } });
    // Past the end without repeat: back to the first track, paused.
    expect(await run({ kind: 'next' })).toMatchObject({ trackId: list[0], isPlaying: false, context: { index: 0 } });
    // At the start without repeat, previous starts the first track again.
    expect(await run({ kind: 'previous' })).toMatchObject({ trackId: list[0], isPlaying: true, context: { index: 0 } });
    await run({ kind: 'repeat', mode: 'CONTEXT' });
    expect(await run({ kind: 'previous' })).toMatchObject({ trackId: list[2], context: { index: 2 } });
    expect(await run({ kind: 'next' })).toMatchObject({ trackId: list[0], isPlaying: true, context: { index: 0 } });
    // Repeat TRACK is the device's loop; a user's next still moves on.
    await run({ kind: 'repeat', mode: 'TRACK' });
    expect(await run({ kind: 'next' })).toMatchObject({ trackId: list[1], repeat: 'TRACK', version: 9 });
  });

  it('plays queued tracks first, then continues the context after the track it left', async () => {
    const { devices, run } = await listener();
    const list = tracks(4);
    const [q1, q2] = tracks(2, 'q');
    await run(playList(devices[0]!.id, list));
    await run({ kind: 'queue', trackId: q1! });
    expect(await run({ kind: 'queue', trackId: q2! })).toMatchObject({ queue: [q1, q2] });
    expect(await run({ kind: 'next' })).toMatchObject({ trackId: q1, queue: [q2], context: { index: null } });
    // Previous from a queued track goes back to the context track before it.
    expect(await run({ kind: 'previous' })).toMatchObject({ trackId: list[0], queue: [q2], context: { index: 0 } });
    expect(await run({ kind: 'next' })).toMatchObject({ trackId: q2, queue: [] });
    expect(await run({ kind: 'next' })).toMatchObject({ trackId: list[1], context: { index: 1 } });
  });

  it('refuses a full queue with nothing written', async () => {
    const { userId, devices, run } = await listener();
    await run(playList(devices[0]!.id, tracks(1)));
    for (const trackId of tracks(MAX_QUEUE_LENGTH, 'q')) await run({ kind: 'queue', trackId });
    const before = await rawState(userId);
    await expect(run({ kind: 'queue', trackId: tracks(1, 'x')[0]! })).rejects.toMatchObject({ reason: 'QUEUE_FULL', currentVersion: 1 + MAX_QUEUE_LENGTH });
    expect(await rawState(userId)).toEqual(before);
  });

  it('needs a live active device for the transport, and something played for modes and queue', async () => {
    const { run } = await listener();
    for (const command of [{ kind: 'pause' }, { kind: 'resume' }, { kind: 'next' }, { kind: 'previous' }, { kind: 'seek', positionMs: 1 }, { kind: 'volume', volumePercent: 1 }] as const) {
      await expect(run(command)).rejects.toMatchObject({ reason: 'NO_ACTIVE_DEVICE' });
    }
    for (const command of [{ kind: 'shuffle', on: true }, { kind: 'repeat', mode: 'TRACK' }, { kind: 'queue', trackId: tracks(1)[0]! }, { kind: 'transfer', deviceId: randomUUID(), play: null }] as const) {
      await expect(run(command)).rejects.toMatchObject({ reason: 'NO_PLAYBACK' });
    }
  });
});

describe('shuffle', () => {
  it('plays every track once in a shuffled order starting with the current one, and unshuffles in place', async () => {
    const { devices, run } = await listener();
    const list = tracks(30);
    await run(playList(devices[0]!.id, list, 7));
    const on = await run({ kind: 'shuffle', on: true });
    expect(on).toMatchObject({ shuffle: true, trackId: list[7], context: { index: 7 } });
    const played = [on.trackId];
    for (let i = 1; i < 30; i++) played.push((await run({ kind: 'next' })).trackId);
    expect(new Set(played).size).toBe(30);
    expect(played).not.toEqual([...list.slice(7), ...list.slice(0, 7)]);
    // Previous retraces the shuffled order.
    expect((await run({ kind: 'previous' })).trackId).toBe(played[28]);
    const off = await run({ kind: 'shuffle', on: false });
    const index = list.indexOf(played[28]!);
    expect(off).toMatchObject({ shuffle: false, trackId: played[28], context: { index } });
    expect((await run({ kind: 'next' })).trackId).toBe(list[(index + 1) % 30]);
  });

  it('a play while shuffling starts at the offset and shuffles the rest', async () => {
    const { devices, run } = await listener();
    await run(playList(devices[0]!.id, tracks(2)));
    await run({ kind: 'shuffle', on: true });
    const list = tracks(10, 'p');
    const state = await run(playList(null, list, 4));
    expect(state).toMatchObject({ trackId: list[4], shuffle: true, context: { index: 4, trackCount: 10 } });
    const rest = new Set<string>();
    for (let i = 0; i < 9; i++) rest.add((await run({ kind: 'next' })).trackId);
    expect(rest).toEqual(new Set(list.filter((_, i) => i !== 4)));
  });
});

describe('transfer and reports', () => {
  it('moves playback to another live device, playing or paused as asked', async () => {
    const { devices, run } = await listener();
    const [desktop, phone] = devices as [(typeof devices)[0], (typeof devices)[0]];
    await run(playList(desktop.id, tracks(2), 0, 1000));
    await sleep(50);
    const moved = await run({ kind: 'transfer', deviceId: phone.id, play: null });
    expect(moved).toMatchObject({ deviceId: phone.id, isPlaying: true });
    expect(moved.positionMs).toBeGreaterThanOrEqual(1050);
    expect(await run({ kind: 'transfer', deviceId: desktop.id, play: false })).toMatchObject({ deviceId: desktop.id, isPlaying: false });
    expect(await run({ kind: 'transfer', deviceId: phone.id, play: true })).toMatchObject({ deviceId: phone.id, isPlaying: true });
    await expect(run({ kind: 'transfer', deviceId: randomUUID(), play: true })).rejects.toMatchObject({ reason: 'DEVICE_NOT_FOUND' });
  });

  it("takes a device's report: same track, the queue's next, a later context track, or a new track", async () => {
    const { devices, run } = await listener();
    const [desktop, phone] = devices as [(typeof devices)[0], (typeof devices)[0]];
    const list = tracks(5);
    const report = (deviceId: string, trackId: string, positionMs = 1000, isPlaying = true) =>
      run({ kind: 'report', deviceId, trackId, isPlaying, positionMs });
    // Nothing played yet: the report starts a one-track context.
    expect(await report(desktop.id, list[0]!)).toMatchObject({ version: 1, trackId: list[0], context: { kind: 'TRACKS', trackCount: 1, index: 0 } });
    await run(playList(desktop.id, list));
    expect(await report(desktop.id, list[0]!, 20_000, false)).toMatchObject({ trackId: list[0], positionMs: 20_000, isPlaying: false });
    await run({ kind: 'queue', trackId: 'queued0000000000000000' });
    expect(await report(phone.id, 'queued0000000000000000')).toMatchObject({ deviceId: phone.id, queue: [], context: { index: null } });
    expect(await report(phone.id, list[3]!)).toMatchObject({ trackId: list[3], context: { index: 3, trackCount: 5 } });
    expect(await report(phone.id, 'elsewhere0000000000000')).toMatchObject({ trackId: 'elsewhere0000000000000', context: { trackCount: 1, index: 0 } });
    await expect(report(randomUUID(), list[0]!)).rejects.toMatchObject({ reason: 'DEVICE_NOT_FOUND' });
  });
});

describe('versions', () => {
  it('refuses a stale expectedVersion with the current one, writing nothing; a fresh one applies', async () => {
    const { userId, devices, run } = await listener();
    await expect(run(playList(devices[0]!.id, tracks(3)), { expectedVersion: 3 })).rejects.toMatchObject({ reason: 'CONFLICT', currentVersion: 0 });
    await run(playList(devices[0]!.id, tracks(3)), { expectedVersion: 0 });
    await run({ kind: 'next' });
    const before = await rawState(userId);
    await expect(run({ kind: 'seek', positionMs: 5 }, { expectedVersion: 1 })).rejects.toMatchObject({ reason: 'CONFLICT', currentVersion: 2 });
    expect(await rawState(userId)).toEqual(before);
    expect(await run({ kind: 'seek', positionMs: 5 }, { expectedVersion: 2 })).toMatchObject({ version: 3, positionMs: 5 });
  });

  it('keeps counting when the state itself was forgotten', async () => {
    const { userId, devices, run } = await listener();
    await run(playList(devices[0]!.id, tracks(1)));
    await run({ kind: 'pause' });
    await redis.del(playerKey(userId));
    expect(await readPlayback(redis, userId, TTL)).toBeNull();
    expect((await run(playList(devices[0]!.id, tracks(1)))).version).toBe(3);
  });
});

describe('concurrency', () => {
  it('50 nexts and 50 seeks at once from two devices on two connections: no lost update, gap-free versions', async () => {
    const { userId, devices, run } = await listener();
    const list = tracks(200);
    const start = await run(playList(devices[0]!.id, list));
    const nexts = Array.from({ length: 50 }, () => run({ kind: 'next' }, {}, redis));
    const seeks = Array.from({ length: 50 }, (_, i) => run({ kind: 'seek', positionMs: (i + 1) * 1000 }, {}, other));
    const results = await Promise.all([...nexts, ...seeks].sort(() => Math.random() - 0.5));
    const versions = results.map((r) => r.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 100 }, (_, i) => start.version + 1 + i));

    // Every next moved exactly one track on from the state before it, in version order.
    const nextResults = (await Promise.all(nexts)).sort((a, b) => a.version - b.version);
    expect(nextResults.map((r) => r.context.index)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(nextResults.map((r) => r.trackId)).toEqual(list.slice(1, 51));

    // The final state is the last version's result: track 50, and the position that last write left.
    const final = (await readPlayback(redis, userId, TTL)) as PlaybackRecord;
    const last = results.find((r) => r.version === start.version + 100)!;
    expect(final).toEqual(last);
    expect(final).toMatchObject({ trackId: list[50], context: { index: 50 } });
  });

  it('concurrent plays and nexts leave a state one of them wrote, with the version of the last', async () => {
    const { userId, devices, run } = await listener();
    await run(playList(devices[0]!.id, tracks(10)));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? run({ kind: 'next' }, {}, other) : run(playList(devices[1]!.id, tracks(10, `p${i}`), 0)))),
    );
    const last = results.reduce((a, b) => (b.version > a.version ? b : a));
    expect(last.version).toBe(21);
    expect(await readPlayback(redis, userId, TTL)).toEqual(last);
  });
});
