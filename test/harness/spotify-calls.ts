/**
 * What a test counts as Spotify catalogue calls: the simulator's answers to `GET /v1/tracks…`,
 * `/albums…`, `/artists…` and `/search` while `run` runs, per endpoint template. The file must hold
 * the Spotify simulator's lock (simulator-lock.ts). 401s are left out: they are the catalog's app
 * token renewed after another file expired every token, and the repeat that follows is the call.
 */
import { stack } from './client.js';

type Stats = { endpoints: Record<string, { statuses: Record<string, number> }> };

async function answered(): Promise<Map<string, number>> {
  const stats = (await (await fetch(`${stack().simulators.spotify}/_simulator/stats`)).json()) as Stats;
  return new Map(
    Object.entries(stats.endpoints)
      .filter(([endpoint]) => /^GET \/v1\/(tracks|albums|artists|search)/.test(endpoint))
      .flatMap(([endpoint, { statuses }]) => Object.entries(statuses).map(([status, n]) => [`${endpoint}|${status}`, n] as const)),
  );
}

export async function spotifyCatalogueCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await answered();
  await run();
  const calls: Record<string, number> = {};
  for (const [key, n] of await answered()) {
    const delta = n - (before.get(key) ?? 0);
    const [endpoint, status] = key.split('|') as [string, string];
    if (delta > 0 && status !== '401') calls[endpoint] = (calls[endpoint] ?? 0) + delta;
  }
  return calls;
}
