/**
 * A lock shared by the test files of one run (a Redis key under the run's prefix, polled). The
 * simulators count requests per endpoint for everyone, and faults are consumed by whichever
 * request comes first, so a file that asserts exact call counts or injects faults holds the
 * simulator's lock for its duration: files that do not take it may still run beside it.
 *
 *   beforeAll(() => holdSimulatorLock('spotify'), LOCK_WAIT_MS);
 *   afterAll(() => releaseSimulatorLock('spotify'));
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { graphql, stack } from './client.js';

/** Long enough for another file's whole run; a crashed holder's lock expires after LOCK_TTL_MS. */
export const LOCK_WAIT_MS = 240_000;
const LOCK_TTL_MS = 600_000;

const held = new Map<string, { redis: Redis; key: string; token: string }>();

export async function holdSimulatorLock(name: string): Promise<void> {
  const env = stack().env;
  const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const key = `${env.REDIS_KEY_PREFIX ?? ''}test-lock:simulator:${name}`;
  const token = randomUUID();
  const deadline = Date.now() + LOCK_WAIT_MS;
  while ((await redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
    if (Date.now() > deadline) {
      redis.disconnect();
      throw new Error(`the ${name} simulator lock stayed taken for ${LOCK_WAIT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  held.set(name, { redis, key, token });
}

export async function releaseSimulatorLock(name: string): Promise<void> {
  const lock = held.get(name);
  if (!lock) return;
  held.delete(name);
  if ((await lock.redis.get(lock.key)) === lock.token) await lock.redis.del(lock.key);
  lock.redis.disconnect();
}

/**
 * Another file may have expired every Spotify token (the simulator forgets them, the catalog does
 * not know): one lookup through the gateway lets the catalog renew its app token before a file
 * counts calls, so a 401 and its retry are not counted as the file's.
 */
export async function warmSpotifyToken(): Promise<void> {
  await graphql('query { track(id: "0000000000000000000001") { id } }');
}
