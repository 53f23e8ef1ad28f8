/**
 * Fan-out without Redis or a gateway: topics are a map of callbacks, resolutions are counted and
 * can be held open. Grouping (one resolution per group, the same payload to each member), ordered
 * and coalesced resolutions, pending members during their check, final payloads, and the grouping
 * key.
 */
import { describe, expect, it } from 'vitest';
import type { LiveTopic } from '../../platform/live/live-events.js';
import { FanOut, type Delivery, type Member } from './fan-out.js';
import { groupKey } from './server.js';

interface Identity {
  userId?: string;
  roles: string[];
}

/** A controllable world: topics to fire, resolutions that can be held until released. */
function harness(options: { hold?: boolean } = {}) {
  const topics = new Map<LiveTopic, () => void>();
  const stopped: LiveTopic[] = [];
  const calls: { subject: string; identity: Identity; n: number }[] = [];
  const held: (() => void)[] = [];
  let n = 0;
  let final = false;
  const fanOut = new FanOut<string, Identity, { subject: string; n: number }>({
    async listen(topic, onEvent) {
      topics.set(topic, onEvent);
      return async () => {
        topics.delete(topic);
        stopped.push(topic);
      };
    },
    async resolve(subject, identity): Promise<Delivery<{ subject: string; n: number }>> {
      const call = { subject, identity, n: ++n };
      calls.push(call);
      if (options.hold) await new Promise<void>((resolve) => held.push(resolve));
      return { payload: { subject, n: call.n }, final };
    },
  });
  return {
    fanOut,
    calls,
    stopped,
    fire: (topic: LiveTopic) => topics.get(topic)?.(),
    listening: (topic: LiveTopic) => topics.has(topic),
    release: () => held.shift()?.(),
    finishNext: () => (final = true),
    join: async (key: string, topic: LiveTopic, identity: Identity = { userId: 'u1', roles: ['USER'] }) => {
      const member = await fanOut.join({ key, topic, subject: key, identity });
      member.accept();
      return member;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Everything the member has ready now, without waiting for more (a last pull stays pending: use it last). */
async function drain<T>(member: Member<T, unknown>): Promise<T[]> {
  const values: T[] = [];
  for (;;) {
    const next = await Promise.race([member.next(), tick().then(() => 'nothing' as const)]);
    if (next === 'nothing' || next.done) return values;
    values.push(next.value);
  }
}

describe('grouping', () => {
  it('resolves once per group and event, and gives every member of a group the same payload', async () => {
    const h = harness();
    const a1 = await h.join('A', 'playlist:p');
    const a2 = await h.join('A', 'playlist:p', { userId: 'u1', roles: ['USER'] });
    const b = await h.join('B', 'playlist:p', { userId: 'u2', roles: ['USER'] });
    expect(h.fanOut.size).toEqual({ groups: 2, topics: 1, members: 3 });

    const [n1, n2, n3] = [a1.next(), a2.next(), b.next()];
    h.fire('playlist:p');
    const [v1, v2, v3] = await Promise.all([n1, n2, n3]);
    expect(h.calls.map((c) => c.subject)).toEqual(['A', 'B']);
    expect(v1.value).toBe(v2.value); // the same object: resolved once
    expect(v1.value).toEqual({ subject: 'A', n: 1 });
    expect(v3.value).toEqual({ subject: 'B', n: 2 });
  });

  it("resolves as the group's oldest member, and stops listening when the last one leaves", async () => {
    const h = harness();
    const first = await h.join('A', 'job:j', { userId: 'u1', roles: ['USER'] });
    const second = await h.join('A', 'job:j', { userId: 'u1', roles: ['USER'] });
    const pending = second.next();
    await first.return();
    h.fire('job:j');
    expect((await pending).value).toEqual({ subject: 'A', n: 1 });
    expect(h.calls[0]!.identity).toBe(second.identity);
    await second.return();
    await tick();
    expect(h.stopped).toEqual(['job:j']);
    expect(h.fanOut.size).toEqual({ groups: 0, topics: 0, members: 0 });
  });

  it('ignores events of topics nobody here subscribes to', async () => {
    const h = harness();
    await h.join('A', 'playlist:p');
    h.fire('playlist:other');
    await tick();
    expect(h.calls).toEqual([]);
  });
});

describe('ordering and coalescing', () => {
  it('runs one more resolution after a burst that arrived during one, not one per event', async () => {
    const h = harness({ hold: true });
    const member = await h.join('A', 'playback:u1');
    h.fire('playback:u1');
    await tick();
    for (let i = 0; i < 5; i++) h.fire('playback:u1');
    await tick();
    expect(h.calls).toHaveLength(1); // still one at a time
    h.release();
    await tick();
    expect(h.calls).toHaveLength(2); // the burst: once
    h.release();
    await tick();
    expect(h.calls).toHaveLength(2);
    // A slow consumer gets the newest payload, never an older one after it.
    expect(await drain(member)).toEqual([{ subject: 'A', n: 2 }]);
  });

  it('delivers in order of resolution to a consumer that keeps up', async () => {
    const h = harness({ hold: true });
    const member = await h.join('A', 'playback:u1');
    const seen: number[] = [];
    const consuming = (async () => {
      for await (const payload of member) seen.push(payload.n);
    })();
    for (let round = 0; round < 3; round++) {
      h.fire('playback:u1');
      await tick();
      h.release();
      await tick();
    }
    await member.return();
    await consuming;
    expect(seen).toEqual([1, 2, 3]);
  });

  it('runs again after a failed resolution if events came meanwhile', async () => {
    let attempts = 0;
    let onEvent = () => {};
    let fail: (error: Error) => void = () => {};
    const fanOut = new FanOut<string, Identity, number>({
      async listen(_topic, handler) {
        onEvent = handler;
        return async () => {};
      },
      resolve: () => {
        attempts++;
        if (attempts === 1) return new Promise((_, reject) => (fail = reject));
        return Promise.resolve({ payload: attempts, final: false });
      },
    });
    const member = await fanOut.join({ key: 'A', topic: 'job:j', subject: 'A', identity: { roles: [] } });
    member.accept();
    onEvent();
    onEvent();
    fail(new Error('subgraph down'));
    expect((await member.next()).value).toBe(2);
  });
});

describe('subscribers', () => {
  it('keeps what arrives during the subscribe-time check, and sends it once accepted', async () => {
    const h = harness();
    const member = await h.fanOut.join({ key: 'A', topic: 'playlist:p', subject: 'A', identity: { roles: [] } });
    h.fire('playlist:p');
    const pulled = member.next();
    let settled = false;
    void pulled.then(() => (settled = true));
    await tick();
    expect(h.calls).toHaveLength(1);
    expect(settled).toBe(false); // pending: nothing yet
    member.accept({ payload: { subject: 'A', n: 99 }, final: false }); // the check's own answer is not sent
    expect(await pulled).toEqual({ value: { subject: 'A', n: 1 }, done: false });
    expect(await drain(member)).toEqual([]);
  });

  it('sends nothing at subscribe time unless the answer is final', async () => {
    const h = harness();
    const open = await h.fanOut.join({ key: 'A', topic: 'job:j', subject: 'A', identity: { roles: [] } });
    open.accept({ payload: { subject: 'A', n: 0 }, final: false });
    expect(await drain(open)).toEqual([]);

    const done = await h.fanOut.join({ key: 'B', topic: 'job:k', subject: 'B', identity: { roles: [] } });
    done.accept({ payload: { subject: 'B', n: 0 }, final: true });
    expect(await done.next()).toEqual({ value: { subject: 'B', n: 0 }, done: false });
    expect(await done.next()).toEqual({ value: undefined, done: true });
  });

  it('ends every member after a final payload, and a later subscriber starts a new group', async () => {
    const h = harness();
    const a = await h.join('A', 'job:j');
    const b = await h.join('A', 'job:j');
    h.finishNext();
    h.fire('job:j');
    await tick();
    for (const member of [a, b]) {
      expect(await member.next()).toEqual({ value: { subject: 'A', n: 1 }, done: false });
      expect((await member.next()).done).toBe(true);
    }
    await tick();
    expect(h.stopped).toEqual(['job:j']);
    expect(h.fanOut.size.groups).toBe(0);
    await h.join('A', 'job:j');
    expect(h.listening('job:j')).toBe(true);
  });

  it('a refused member leaves its group without a trace', async () => {
    const h = harness();
    const member = await h.fanOut.join({ key: 'A', topic: 'playlist:p', subject: 'A', identity: { roles: [] } });
    member.end();
    await tick();
    expect(h.fanOut.size).toEqual({ groups: 0, topics: 0, members: 0 });
    expect(h.stopped).toEqual(['playlist:p']);
  });

  it('ends the members whose topic cannot be listened to', async () => {
    const fanOut = new FanOut<string, Identity, number>({
      listen: () => Promise.reject(new Error('Redis away')),
      resolve: () => Promise.resolve({ payload: 1, final: false }),
    });
    await expect(fanOut.join({ key: 'A', topic: 'job:j', subject: 'A', identity: { roles: [] } })).rejects.toThrow('Redis away');
    expect(fanOut.size).toEqual({ groups: 0, topics: 0, members: 0 });
  });

  it('close() ends every member and stops every topic', async () => {
    const h = harness();
    const a = await h.join('A', 'job:j');
    const b = await h.join('B', 'playlist:p');
    const pending = a.next();
    await h.fanOut.close();
    expect((await pending).done).toBe(true);
    expect((await b.next()).done).toBe(true);
    expect(h.stopped.sort()).toEqual(['job:j', 'playlist:p']);
  });
});

describe('groupKey', () => {
  const prepared = { query: '{ playlist(id: $id) { id } }', variables: { id: 'p', options: { a: 1, b: 2 } } };

  it('is the same for the same query, variables (in any key order), user and roles', () => {
    const reordered = { ...prepared, variables: { options: { b: 2, a: 1 }, id: 'p' } };
    expect(groupKey(prepared, { userId: 'u1', roles: ['USER', 'ADMIN'] })).toBe(groupKey(reordered, { userId: 'u1', roles: ['ADMIN', 'USER'] }));
  });

  it('differs by user, by roles, by variables and by query; anonymous subscribers share one', () => {
    const base = groupKey(prepared, { userId: 'u1', roles: ['USER'] });
    expect(groupKey(prepared, { userId: 'u2', roles: ['USER'] })).not.toBe(base);
    expect(groupKey(prepared, { userId: 'u1', roles: ['USER', 'ADMIN'] })).not.toBe(base);
    expect(groupKey({ ...prepared, variables: { id: 'q' } }, { userId: 'u1', roles: ['USER'] })).not.toBe(base);
    expect(groupKey({ ...prepared, query: '{ playlist(id: $id) { name } }' }, { userId: 'u1', roles: ['USER'] })).not.toBe(base);
    expect(groupKey(prepared, { roles: [] })).toBe(groupKey(prepared, { userId: undefined, roles: [] }));
  });
});
