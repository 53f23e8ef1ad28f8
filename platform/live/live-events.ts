/**
 * Live events: what a subgraph publishes when something a client may be watching changed, and
 * what the gateway's subscription server listens to (DESIGN.md "Jobs and live updates"). An event
 * says only *what* changed (a topic, and a version where there is one); the gateway then resolves
 * each subscriber's selection through its own query execution, with the subscriber's identity, so
 * an event never carries data a subscriber may not see.
 *
 * Topics: `playback:<userId>`, `job:<public job id>`, `playlist:<playlist id>`. Channels are Redis
 * pub/sub channels under this deployment's prefix, `<REDIS_KEY_PREFIX>live:<topic>`, so every
 * gateway replica hears every event.
 *
 *   await publishLiveEvent(redis, playbackTopic(userId), { version: 12 });
 *   const stop = subscriber.on(jobTopic(id), (event) => ...);
 */
import type { Redis } from 'ioredis';
import { logger } from '../logger.js';
import { redisKey } from '../redis/connection.js';

export type LiveTopic = `playback:${string}` | `job:${string}` | `playlist:${string}`;

export const playbackTopic = (userId: string): LiveTopic => `playback:${userId}`;
export const jobTopic = (publicJobId: string): LiveTopic => `job:${publicJobId}`;
export const playlistTopic = (playlistId: string): LiveTopic => `playlist:${playlistId}`;

export interface LiveEvent {
  topic: LiveTopic;
  /** Epoch milliseconds when it was published. */
  at: number;
  /** The changed object's version, when it has one (playback state, playlist). */
  version?: number;
}

export const liveChannel = (topic: LiveTopic): string => redisKey('live', topic);

/** Publishes that `topic` changed. Never throws: a lost live event must not fail the change itself. */
export async function publishLiveEvent(redis: Redis, topic: LiveTopic, details: { version?: number } = {}): Promise<void> {
  const event: LiveEvent = { topic, at: Date.now(), ...details };
  try {
    await redis.publish(liveChannel(topic), JSON.stringify(event));
  } catch (error) {
    logger().warn({ err: (error as Error).message, topic }, 'live event not published');
  }
}

type Listener = (event: LiveEvent) => void;

/**
 * Listens to topics on one dedicated connection (a Redis connection in subscriber mode can do
 * nothing else), subscribing to a channel while at least one listener wants it.
 */
export class LiveEventSubscriber {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly connection: Redis) {
    connection.on('message', (channel: string, message: string) => {
      const listeners = this.listeners.get(channel);
      if (!listeners) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    });
  }

  /** Calls `listener` for every event of `topic` until the returned function is called. */
  async on(topic: LiveTopic, listener: Listener): Promise<() => Promise<void>> {
    const channel = liveChannel(topic);
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      await this.connection.subscribe(channel);
    }
    listeners.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(channel);
      await this.connection.unsubscribe(channel).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
