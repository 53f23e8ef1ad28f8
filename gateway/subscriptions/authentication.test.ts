/**
 * Socket authentication: credentials from connectionParams, the expiry timer (fake clock), the
 * revocation sweep against a real Redis (REDIS_URL, default 127.0.0.1:6379) under a key prefix of
 * this file's own, and the client address under `trust proxy`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

const prefix = `test:subscriptions:${randomBytes(4).toString('hex')}:`;
process.env.REDIS_KEY_PREFIX = prefix;
const { clearUserInactive, markSessionsEnded, markUserInactive } = await import('../../platform/auth/revocations.js');
const { clientAddress, connectionAuthorization, scheduleExpiry, SessionWatch } = await import('./authentication.js');

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

afterAll(async () => {
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
  }
  redis.disconnect();
});

describe('connectionParams', () => {
  it('takes an Authorization value in any case, or a bare token', () => {
    expect(connectionAuthorization({ authorization: 'Bearer a.b.c' })).toBe('Bearer a.b.c');
    expect(connectionAuthorization({ Authorization: 'Bearer a.b.c' })).toBe('Bearer a.b.c');
    expect(connectionAuthorization({ token: 'a.b.c' })).toBe('Bearer a.b.c');
  });

  it('is anonymous without either', () => {
    expect(connectionAuthorization(undefined)).toBeUndefined();
    expect(connectionAuthorization({})).toBeUndefined();
    expect(connectionAuthorization({ somethingElse: 1 })).toBeUndefined();
  });

  it('refuses values that are not strings as malformed', () => {
    for (const params of [{ authorization: 42 }, { token: { jwt: 'x' } }, { authorization: null }]) {
      const malformed = expect.objectContaining({ extensions: expect.objectContaining({ reason: 'MALFORMED_TOKEN' }) });
      expect(() => connectionAuthorization(params)).toThrow(malformed);
    }
  });
});

describe('token expiry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes when the token expires, not before', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const expired = vi.fn();
    scheduleExpiry(1_000_000 + 60_000, expired);
    vi.advanceTimersByTime(59_999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('does nothing once cancelled (the socket closed first), nor for an anonymous socket', () => {
    vi.useFakeTimers({ now: 0 });
    const expired = vi.fn();
    const cancel = scheduleExpiry(10_000, expired);
    cancel();
    scheduleExpiry(undefined, expired);
    vi.advanceTimersByTime(3_600_000);
    expect(expired).not.toHaveBeenCalled();
  });

  it('fires at once for a token already expired, and waits out delays longer than setTimeout holds', () => {
    vi.useFakeTimers({ now: 0 });
    const expired = vi.fn();
    scheduleExpiry(-1, expired);
    expect(expired).toHaveBeenCalledOnce();
    const later = vi.fn();
    const thirtyDays = 30 * 24 * 3600 * 1000;
    scheduleExpiry(thirtyDays, later);
    vi.advanceTimersByTime(2 ** 31);
    expect(later).not.toHaveBeenCalled(); // a plain setTimeout would have fired at once (overflow)
    vi.advanceTimersByTime(thirtyDays - 2 ** 31);
    expect(later).toHaveBeenCalledOnce();
  });
});

describe('revocation sweep', () => {
  const id = () => randomBytes(6).toString('hex');

  it('closes the sockets of ended sessions and deactivated users, in one MGET per round', async () => {
    const watch = new SessionWatch(redis, 60_000);
    try {
      const [alice, bob, carol] = [id(), id(), id()];
      const sessions = { aliceLaptop: id(), alicePhone: id(), bob: id(), carol: id() };
      const closed: string[] = [];
      watch.watch({ userId: alice, sessionId: sessions.aliceLaptop }, () => closed.push('aliceLaptop'));
      watch.watch({ userId: alice, sessionId: sessions.alicePhone }, () => closed.push('alicePhone'));
      watch.watch({ userId: bob, sessionId: sessions.bob }, () => closed.push('bob'));
      const stopCarol = watch.watch({ userId: carol, sessionId: sessions.carol }, () => closed.push('carol'));

      const mget = vi.spyOn(redis, 'mget');
      await watch.check();
      expect(closed).toEqual([]);
      expect(mget).toHaveBeenCalledOnce();

      await markSessionsEnded(redis, [sessions.aliceLaptop]);
      await markUserInactive(redis, bob);
      await markUserInactive(redis, carol);
      stopCarol(); // carol's socket closed by itself meanwhile
      mget.mockClear();
      await watch.check();
      expect(closed.sort()).toEqual(['aliceLaptop', 'bob']);
      expect(mget).toHaveBeenCalledOnce();
      expect(watch.size).toBe(1); // alice's phone

      // Closed once: a later round does not call again.
      await watch.check();
      expect(closed).toHaveLength(2);
      mget.mockRestore();
      await clearUserInactive(redis, bob);
    } finally {
      watch.close();
    }
  });

  it('checks by itself every interval', async () => {
    const watch = new SessionWatch(redis, 100);
    try {
      const sessionId = id();
      const closed = new Promise<void>((resolve) => watch.watch({ userId: id(), sessionId }, resolve));
      await markSessionsEnded(redis, [sessionId]);
      await closed;
    } finally {
      watch.close();
    }
  });

  it('keeps the sockets while Redis cannot answer', async () => {
    const broken = { mget: () => Promise.reject(new Error('connection lost')) } as unknown as Redis;
    const watch = new SessionWatch(broken, 60_000);
    const onRevoked = vi.fn();
    watch.watch({ userId: 'u', sessionId: 's' }, onRevoked);
    await watch.check();
    expect(onRevoked).not.toHaveBeenCalled();
    expect(watch.size).toBe(1);
    watch.close();
  });
});

describe('client address', () => {
  const upgrade = (remoteAddress: string, forwardedFor?: string) =>
    ({ headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}, socket: { remoteAddress } }) as unknown as IncomingMessage;

  it('follows X-Forwarded-For only from trusted proxies, as req.ip does', () => {
    const app = express();
    app.set('trust proxy', 'loopback');
    expect(clientAddress(app, upgrade('127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    expect(clientAddress(app, upgrade('203.0.113.9', '198.51.100.7'))).toBe('203.0.113.9');
    const untrusting = express();
    untrusting.set('trust proxy', false);
    expect(clientAddress(untrusting, upgrade('127.0.0.1', '198.51.100.7'))).toBe('127.0.0.1');
  });
});
