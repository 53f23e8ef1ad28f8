/**
 * Live events to subscribers. Subscribers that would get the same answer (same rewritten query,
 * variables and visibility) form a group, resolved once per event for all of them; groups listen to
 * their topic through one listener per topic. A group's resolutions run one at a time, in order, and
 * coalesce: events arriving while one runs cause exactly one more run afterwards, so a slow
 * resolution neither reorders payloads nor piles up work. Each subscriber is an async iterator that
 * keeps only its newest undelivered payload (every payload is a whole state), for slow sockets.
 */
import type { LiveTopic } from '../../platform/live/live-events.js';

export interface Delivery<T> {
  payload: T;
  /** The last payload: the subscription ends after it (a finished job). */
  final: boolean;
}

export interface FanOutOptions<S, I, T> {
  /** Starts listening to a topic; resolves once events will be heard, with how to stop. */
  listen(topic: LiveTopic, onEvent: () => void): Promise<() => Promise<void>>;
  /** Answers a group's subscription as one of its subscribers (they all see the same). */
  resolve(subject: S, identity: I): Promise<Delivery<T>>;
  /** Observers, for metrics and logs. */
  onEvent?(topic: LiveTopic): void;
  onResolution?(subject: S, outcome: 'ok' | 'error', error?: unknown): void;
  onOpen?(subject: S, change: 1 | -1): void;
}

export interface JoinRequest<S, I> {
  /** Same key, same answer: rewritten query + variables + visibility. */
  key: string;
  topic: LiveTopic;
  subject: S;
  identity: I;
}

interface TopicListener<S, I, T> {
  groups: Set<Group<S, I, T>>;
  stop: Promise<() => Promise<void>>;
}

export class FanOut<S, I, T> {
  private readonly groups = new Map<string, Group<S, I, T>>();
  private readonly topics = new Map<LiveTopic, TopicListener<S, I, T>>();

  constructor(private readonly options: FanOutOptions<S, I, T>) {}

  /**
   * Adds a subscriber, pending: it is counted in its group (so events during its subscribe-time
   * check are not lost to it) but receives nothing until accept(). Resolves once the topic is heard.
   */
  async join(request: JoinRequest<S, I>): Promise<Member<T, I>> {
    let group = this.groups.get(request.key);
    if (!group) {
      const created = new Group<S, I, T>(request.key, request.topic, request.subject, this.options, (g) => this.retire(g));
      this.groups.set(request.key, created);
      created.ready = this.attach(created).catch((error: unknown) => {
        this.retire(created);
        throw error;
      });
      group = created;
    }
    const joined = group;
    const member: Member<T, I> = new Member<T, I>(request.identity, {
      opened: () => this.options.onOpen?.(joined.subject, 1),
      left: (wasOpen) => {
        if (wasOpen) this.options.onOpen?.(joined.subject, -1);
        joined.members.delete(member);
        if (!joined.members.size) this.retire(joined);
      },
    });
    joined.members.add(member);
    try {
      await joined.ready;
    } catch (error) {
      member.end();
      throw error;
    }
    return member;
  }

  /** Ends every subscriber and stops listening (shutdown). */
  async close(): Promise<void> {
    const groups = [...this.groups.values()];
    for (const group of groups) for (const member of [...group.members]) member.end();
    for (const group of groups) this.retire(group);
    const stops = [...this.topics.values()].map((listener) => listener.stop);
    this.topics.clear();
    await Promise.allSettled(stops.map(async (stop) => (await stop)()));
  }

  /** For tests and metrics: how many groups, topics and subscribers there are. */
  get size(): { groups: number; topics: number; members: number } {
    let members = 0;
    for (const group of this.groups.values()) members += group.members.size;
    return { groups: this.groups.size, topics: this.topics.size, members };
  }

  private async attach(group: Group<S, I, T>): Promise<void> {
    let listener = this.topics.get(group.topic);
    if (!listener) {
      const created: TopicListener<S, I, T> = {
        groups: new Set(),
        stop: this.options.listen(group.topic, () => this.dispatch(group.topic)),
      };
      created.stop.catch(() => {
        if (this.topics.get(group.topic) === created) this.topics.delete(group.topic);
      });
      this.topics.set(group.topic, created);
      listener = created;
    }
    listener.groups.add(group);
    await listener.stop;
  }

  private dispatch(topic: LiveTopic): void {
    const listener = this.topics.get(topic);
    if (!listener) return;
    this.options.onEvent?.(topic);
    for (const group of [...listener.groups]) group.onEvent();
  }

  /** A group with no subscribers left, or whose subscription ended: forget it and stop listening for it. */
  private retire(group: Group<S, I, T>): void {
    if (group.closed) return;
    group.closed = true;
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    const listener = this.topics.get(group.topic);
    if (!listener?.groups.delete(group) || listener.groups.size) return;
    this.topics.delete(group.topic);
    void listener.stop.then((stop) => stop()).catch(() => undefined);
  }
}

class Group<S, I, T> {
  readonly members = new Set<Member<T, I>>();
  ready: Promise<void> = Promise.resolve();
  closed = false;
  private running = false;
  private again = false;

  constructor(
    readonly key: string,
    readonly topic: LiveTopic,
    readonly subject: S,
    private readonly options: FanOutOptions<S, I, T>,
    private readonly retire: (group: Group<S, I, T>) => void,
  ) {}

  onEvent(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true; // however many events come meanwhile: one more run
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        const representative = this.members.values().next().value;
        if (!representative) return;
        let delivery: Delivery<T>;
        try {
          delivery = await this.options.resolve(this.subject, representative.identity);
          this.options.onResolution?.(this.subject, 'ok');
        } catch (error) {
          this.options.onResolution?.(this.subject, 'error', error);
          continue; // nothing to send; a pending event still gets its run
        }
        if (this.closed) return;
        for (const member of [...this.members]) member.deliver(delivery);
        if (delivery.final) {
          this.retire(this);
          return;
        }
      } while (this.again && !this.closed);
    } finally {
      this.running = false;
    }
  }
}

interface MemberHooks {
  opened(): void;
  left(wasOpen: boolean): void;
}

/** One subscriber: what graphql-ws iterates for its `next` messages. */
export class Member<T, I = unknown> implements AsyncIterableIterator<T> {
  private state: 'pending' | 'open' | 'ended' = 'pending';
  private held: Delivery<T> | undefined;
  /** The final payload was handed out: the next pull ends the iteration. */
  private finishing = false;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;

  constructor(
    readonly identity: I,
    private readonly hooks: MemberHooks,
  ) {}

  get ended(): boolean {
    return this.state === 'ended';
  }

  /** A group's newest payload; replaces one not yet sent (but never a final one). */
  deliver(delivery: Delivery<T>): void {
    if (this.state === 'ended' || this.finishing || this.held?.final) return;
    this.held = delivery;
    if (this.state === 'open') this.flush();
  }

  /**
   * The subscribe-time check passed: from now on payloads are sent, starting with one that arrived
   * during the check. `initial` is sent only when it is final (a job that had already finished),
   * since there will be no event for it.
   */
  accept(initial?: Delivery<T>): void {
    if (this.state !== 'pending') return;
    this.state = 'open';
    this.hooks.opened();
    if (initial?.final) this.held = initial;
    this.flush();
  }

  /** Leaves the group; a pending pull ends. Idempotent. */
  end(): void {
    if (this.state === 'ended') return;
    const wasOpen = this.state === 'open';
    this.state = 'ended';
    this.held = undefined;
    this.hooks.left(wasOpen);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.state === 'ended') return Promise.resolve({ value: undefined, done: true });
    if (this.finishing) {
      this.end();
      return Promise.resolve({ value: undefined, done: true });
    }
    if (this.state === 'open' && this.held) return Promise.resolve({ value: this.take(), done: false });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private flush(): void {
    if (!this.waiting || !this.held) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting({ value: this.take(), done: false });
  }

  private take(): T {
    const delivery = this.held!;
    this.held = undefined;
    if (delivery.final) this.finishing = true;
    return delivery.payload;
  }
}
