/**
 * `npm run bench -- subscriptions`: 2,000 concurrent `playbackStateChanged` subscribers (graphql-ws,
 * one socket each) on ONE gateway process of a whole stack, while one device changes the playback
 * state (`seek`) 40 times, 100 ms apart. Each change is published by streaming, heard by the
 * gateway through Redis, resolved once for the group of subscribers that share the selection and
 * the viewer, and pushed to every socket. Delivery latency is the time from sending the change to a
 * subscriber receiving its position.
 *
 * The ceiling, in the same run: a raw `ws` server broadcasting the same payloads (the resolved JSON)
 * to 2,000 raw sockets as fast as it can, with no GraphQL, Redis or resolution in the way. The
 * gateway's rate is over its paced run (the changes come 100 ms apart: closer changes coalesce, by
 * design), so the ratio says how far below the machine's ceiling the delivery stays.
 *
 * Ends with one JSON line: {"subscribers", "p50Ms", "p99Ms", "messagesPerSecond", "rawMessagesPerSecond",
 * "rawP50Ms", "rawP99Ms", "events", "delivered"}.
 */
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';

import { startBenchStack } from './support/stack.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2_000);
const EVENTS = 40;
const EVENT_GAP_MS = 100;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const round = (ms: number) => Math.round(ms * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { stack, stop, gql } = await startBenchStack('subscriptions', 14730, {
  // The test stack's 5 s would expire the playing device while 2,000 sockets connect.
  STREAMING_DEVICE_TTL_SECONDS: '600',
});

const clients: Client[] = [];
try {
  const { register } = await gql(`mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`, {
    input: { email: `bench.${Date.now()}@bench.example`, password: 'Correct-horse-9-battery', displayName: 'Bench listener', deviceName: 'bench' },
  });
  const token: string = register.accessToken;
  const catalogue = (await (await fetch(`${stack.simulators.spotify}/_simulator/catalogue/tracks?limit=1`)).json()) as { items: { id: string }[] };
  const track = catalogue.items[0]!.id;
  const { registerDevice } = await gql('mutation { registerDevice(input: { name: "Bench desktop", kind: DESKTOP }) { id } }', {}, token);
  await gql('mutation ($track: ID!, $device: ID!) { play(input: { trackId: $track, deviceId: $device }) { version } }', { track, device: registerDevice.id }, token);

  // 2,000 subscribers, each on its own socket, as 2,000 devices of the same listener would be.
  const wsUrl = stack.gatewayUrl.replace(/^http/, 'ws');
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let delivered = 0;
  const subscribed: Promise<void>[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
    clients.push(client);
    subscribed.push(
      new Promise<void>((resolve, reject) => {
        const iterator = client.iterate<{ playbackStateChanged: { positionMs: number } | null }>({ query: 'subscription { playbackStateChanged { positionMs isPlaying track { id } } }' });
        client.on('connected', () => resolve());
        client.on('error', reject);
        void (async () => {
          for await (const message of iterator) {
            const position = message.data?.playbackStateChanged?.positionMs;
            const sent = position === undefined ? undefined : sentAt.get(position);
            if (sent !== undefined) latencies.push(performance.now() - sent);
            delivered++;
          }
        })().catch(() => undefined);
      }),
    );
    if (i % 200 === 199) await sleep(50); // do not open 2,000 sockets in one burst
  }
  await Promise.all(subscribed);
  await sleep(1_000); // subscriptions registered at the gateway after the connection acks
  console.log(`${SUBSCRIBERS} subscribers connected`);

  const deliveryStart = performance.now();
  for (let event = 1; event <= EVENTS; event++) {
    const position = event * 1_000;
    sentAt.set(position, performance.now());
    await gql('mutation ($position: Int!) { seek(positionMs: $position) { version } }', { position }, token);
    await sleep(EVENT_GAP_MS);
  }
  const expected = EVENTS * SUBSCRIBERS;
  for (const deadline = Date.now() + 30_000; delivered < expected && Date.now() < deadline; ) await sleep(50);
  const deliverySeconds = (performance.now() - deliveryStart) / 1000;
  console.log(`delivered ${delivered} of ${expected} messages in ${deliverySeconds.toFixed(1)} s`);
  for (const client of clients.splice(0)) await client.dispose();

  // The ceiling: the same payloads broadcast by a raw ws server to as many raw sockets.
  const payload = JSON.stringify({ id: '1', type: 'next', payload: { data: { playbackStateChanged: { positionMs: 1000, isPlaying: true, track: { id: track } } } } });
  const raw = await rawBroadcast(SUBSCRIBERS, EVENTS, payload);
  console.log(`raw ws: ${raw.delivered} messages, ${Math.round(raw.messagesPerSecond)}/s, p50 ${round(raw.p50)} ms`);

  const messagesPerSecond = delivered / deliverySeconds;
  console.log(
    JSON.stringify({
      subscribers: SUBSCRIBERS,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      messagesPerSecond: Math.round(messagesPerSecond),
      rawMessagesPerSecond: Math.round(raw.messagesPerSecond),
      rawP50Ms: round(raw.p50),
      rawP99Ms: round(raw.p99),
      events: EVENTS,
      delivered,
    }),
  );
} finally {
  for (const client of clients) await client.dispose();
  await stop();
}

/** `events` broadcasts of `payload` to `sockets` raw ws clients, back to back (yielding between them). */
async function rawBroadcast(sockets: number, events: number, payload: string) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const peers: WebSocket[] = [];
  let delivered = 0;
  const latencies: number[] = [];
  const sentAt: number[] = [];
  for (let i = 0; i < sockets; i++) {
    const socket = new WebSocket(url);
    socket.on('message', (data) => {
      const text = data.toString();
      latencies.push(performance.now() - sentAt[Number(text.slice(0, text.indexOf('|')))]!);
      delivered++;
    });
    peers.push(socket);
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  }
  const start = performance.now();
  for (let event = 0; event < events; event++) {
    sentAt[event] = performance.now();
    const message = `${event}|${payload}`;
    for (const client of server.clients) client.send(message);
    await sleep(0);
  }
  for (const deadline = Date.now() + 30_000; delivered < sockets * events && Date.now() < deadline; ) await sleep(20);
  const seconds = (performance.now() - start) / 1000;
  for (const socket of peers) socket.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { delivered, messagesPerSecond: delivered / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
