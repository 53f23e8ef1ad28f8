/**
 * Spotify imports and syncs through the gateway, on a private stack (test/harness/private-stack.ts:
 * an import asks the catalog to map every track, work that must not reach the other test files): a
 * 500-track playlist of a simulated Spotify user, read through their linked account, as a job with
 * progress; a second import changes nothing; a sync follows changes made on Spotify; Spotify failing
 * in the middle of an import is retried to the end with nothing duplicated; a user without a linked
 * account is told so at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphql, register, type SignedIn } from '../harness/client.js';
import type { TestStack } from '../harness/global-setup.js';
import { liveClient, subscribe } from '../harness/live.js';
import { startPrivateStack } from '../harness/private-stack.js';

let stack: TestStack;
let stopStack: () => Promise<void>;
let catalogueTrackIds: string[];

beforeAll(async () => {
  ({ stack, stop: stopStack } = await startPrivateStack('import'));
  const page = await simulator('GET', '/catalogue/tracks?limit=1000');
  catalogueTrackIds = page.items.map((track: { id: string }) => track.id);
}, 180_000);

afterAll(async () => {
  await stopStack?.();
});

const gql = (query: string, variables: Record<string, unknown>, user?: SignedIn) =>
  graphql(query, variables, { url: stack.gatewayUrl, token: user?.accessToken });

async function simulator(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${stack.simulators.spotify}/_simulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A new Spotify user of the simulator with one playlist, and an app user who linked that account. */
async function listenerWithSpotifyPlaylist(trackIds: string[], savedTrackIds: string[] = []) {
  const spotifyUser = `sim${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const created = await simulator('POST', '/spotify/users', {
    id: spotifyUser,
    displayName: 'Importing listener',
    playlists: [{ name: 'Five hundred', description: 'Everything I play', trackIds }],
    savedTrackIds,
  });
  const user = await register({ url: stack.gatewayUrl });
  const started = await gql('mutation { startAccountLink(provider: SPOTIFY) { authorizeUrl state } }', {}, user);
  const consent = new URL(started.data!.startAccountLink.authorizeUrl);
  consent.searchParams.set('sim_user', spotifyUser);
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
  const linked = await gql(
    'mutation ($code: String!, $state: String!) { finishAccountLink(provider: SPOTIFY, code: $code, state: $state) { status } }',
    { code: back.searchParams.get('code'), state: started.data!.startAccountLink.state },
    user,
  );
  expect(linked.data?.finishAccountLink.status).toBe('ACTIVE');
  return { user, spotifyPlaylistId: created.playlistIds[0] as string };
}

const IMPORT = 'mutation ($id: ID!) { importSpotifyPlaylist(spotifyPlaylistId: $id) { id } }';
const SYNC = 'mutation ($id: ID!) { syncPlaylist(id: $id) { id } }';
const JOB = `query ($id: ID!) { job(id: $id) { id kind state progress error result {
  ... on SpotifyImportJobResult { created total added removed kept mappingJobIds playlist { id name version trackCount spotifySource { spotifyPlaylistId lastSyncedAt } } }
} } }`;
const ITEMS = 'query ($id: ID!, $after: String) { playlist(id: $id) { version items(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id position track { id } } } } }';

interface ImportResult {
  created: boolean;
  total: number;
  added: number;
  removed: number;
  kept: number;
  mappingJobIds: string[];
  playlist: { id: string; name: string; version: number; trackCount: number; spotifySource: { spotifyPlaylistId: string; lastSyncedAt: string } };
}

/** Follows the job until it finishes, returning every state and progress seen on the way. */
async function followJob(user: SignedIn, jobId: string, timeoutMs = 90_000) {
  const seen: { state: string; progress: number }[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await gql(JOB, { id: jobId }, user);
    expect(response.errors).toBeUndefined();
    const job = response.data!.job;
    seen.push({ state: job.state, progress: job.progress });
    if (job.state === 'COMPLETED' || job.state === 'FAILED') return { job: job as { state: string; error: string | null; kind: string; result: ImportResult }, seen };
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} at ${job.progress}%`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function importAndWait(user: SignedIn, spotifyPlaylistId: string) {
  const requested = await gql(IMPORT, { id: spotifyPlaylistId }, user);
  expect(requested.errors).toBeUndefined();
  return followJob(user, requested.data!.importSpotifyPlaylist.id);
}

/** Every item of the playlist, page by page. */
async function items(user: SignedIn, playlistId: string) {
  const all: { id: string; position: number; track: { id: string } }[] = [];
  for (let after: string | null = null; ; ) {
    const response = await gql(ITEMS, { id: playlistId, after }, user);
    expect(response.errors).toBeUndefined();
    const { version, items: page } = response.data!.playlist;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return { version: version as number, totalCount: page.totalCount as number, items: all };
    after = page.pageInfo.endCursor;
  }
}

describe('importing a Spotify playlist', () => {
  it('imports 500 tracks as a job with progress, each track once, and asks for their mappings', async () => {
    const trackIds = catalogueTrackIds.slice(0, 500);
    const { user, spotifyPlaylistId } = await listenerWithSpotifyPlaylist(trackIds);
    // Slow pages, so that a follower sees the job move.
    await simulator('POST', '/faults', Array.from({ length: 10 }, () => ({ endpoint: `GET /v1/playlists/${spotifyPlaylistId}/items`, latencyMs: 250 })));

    const { job, seen } = await importAndWait(user, spotifyPlaylistId);
    expect(job).toMatchObject({ kind: 'SPOTIFY_IMPORT', state: 'COMPLETED', error: null });
    const progress = seen.map((s) => s.progress);
    expect(progress.some((p) => p > 0 && p < 100), `progress seen: ${progress.join(',')}`).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never goes back
    expect(seen.some((s) => s.state === 'RUNNING')).toBe(true);

    const result = job.result;
    expect(result).toMatchObject({ created: true, total: 500, added: 500, removed: 0, kept: 0 });
    expect(result.playlist).toMatchObject({ name: 'Five hundred', version: 1, trackCount: 500, spotifySource: { spotifyPlaylistId } });
    const { items: imported } = await items(user, result.playlist.id);
    expect(imported.map((item) => item.track.id)).toEqual(trackIds);
    expect(imported.map((item) => item.position)).toEqual(trackIds.map((_, i) => i));

    // 500 distinct tracks: five catalog mapping jobs of 100, which the user may follow.
    expect(result.mappingJobIds).toHaveLength(5);
    for (const id of result.mappingJobIds) {
      const mapping = await gql('query ($id: ID!) { job(id: $id) { kind } }', { id }, user);
      expect(mapping.data?.job).toEqual({ kind: 'MAPPING' });
    }
    // Nobody else sees the import's job.
    const stranger = await register({ url: stack.gatewayUrl });
    expect((await gql(JOB, { id: result.mappingJobIds[0] }, stranger)).data?.job).toBeNull();

    // A second import of the same playlist changes nothing: same items (same ids), same version.
    const again = await importAndWait(user, spotifyPlaylistId);
    expect(again.job.result).toMatchObject({ created: false, total: 500, added: 0, removed: 0, kept: 500, playlist: { id: result.playlist.id, version: 1 } });
    expect((await items(user, result.playlist.id)).items).toEqual(imported);
    const lists = await gql('query { me { playlists(first: 100) { nodes { id } } } }', {}, user);
    expect(lists.data?.me.playlists.nodes).toEqual([{ id: result.playlist.id }]);
  });

  it('streams the job to a jobUpdated subscriber until it completes', async () => {
    const { user, spotifyPlaylistId } = await listenerWithSpotifyPlaylist(catalogueTrackIds.slice(400, 600));
    await simulator('POST', '/faults', Array.from({ length: 4 }, () => ({ endpoint: `GET /v1/playlists/${spotifyPlaylistId}/items`, latencyMs: 300 })));
    const requested = await gql(IMPORT, { id: spotifyPlaylistId }, user);
    expect(requested.errors).toBeUndefined();
    const jobId = requested.data!.importSpotifyPlaylist.id as string;

    const live = liveClient({ url: stack.gatewayUrl, token: user.accessToken });
    try {
      const updates = subscribe<{ jobUpdated: { state: string; progress: number; result: { total: number } | null } }>(
        live,
        'subscription ($id: ID!) { jobUpdated(id: $id) { state progress result { ... on SpotifyImportJobResult { total added } } } }',
        { id: jobId },
      );
      expect(await updates.ended).toEqual({ completed: true }); // the server ends it after the final state
      const seen = updates.payloads.map((p) => p.data!.jobUpdated);
      const progress = seen.map((job) => job.progress);
      expect(seen.at(-1)).toMatchObject({ state: 'COMPLETED', progress: 100, result: { total: 200, added: 200 } });
      expect(seen.filter((job) => job.state === 'RUNNING').length, `states seen: ${seen.map((j) => j.state).join(',')}`).toBeGreaterThan(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    } finally {
      await live.dispose();
    }
  });

  it('syncs changes made on Spotify: removed items removed, new ones added, order matched, kept items keep their ids', async () => {
    const original = catalogueTrackIds.slice(500, 560);
    const { user, spotifyPlaylistId } = await listenerWithSpotifyPlaylist(original);
    const first = await importAndWait(user, spotifyPlaylistId);
    const playlistId = first.job.result.playlist.id;
    const before = await items(user, playlistId);

    // On Spotify: drop 10, add 5 new ones (one of them twice), move the last track to the top.
    const changed = [original[59]!, ...original.slice(10, 59), ...catalogueTrackIds.slice(600, 605), catalogueTrackIds[600]!];
    await simulator('PUT', `/spotify/playlists/${spotifyPlaylistId}/items`, { trackIds: changed });

    const synced = await gql(SYNC, { id: playlistId }, user);
    expect(synced.errors).toBeUndefined();
    const { job } = await followJob(user, synced.data!.syncPlaylist.id);
    expect(job.result).toMatchObject({ created: false, total: 56, added: 6, removed: 10, kept: 50 });
    const after = await items(user, playlistId);
    expect(after.items.map((item) => item.track.id)).toEqual(changed);
    expect(after.version).toBe(before.version + 1);
    expect(after.totalCount).toBe(56);
    const idBefore = new Map(before.items.map((item) => [item.track.id, item.id]));
    for (const item of after.items.filter((i) => original.includes(i.track.id))) expect(item.id).toBe(idBefore.get(item.track.id));
    expect(new Set(after.items.map((item) => item.id)).size).toBe(56);
  });

  it('retries an import that Spotify fails in the middle and finishes with nothing duplicated', async () => {
    const trackIds = catalogueTrackIds.slice(700, 950);
    const { user, spotifyPlaylistId } = await listenerWithSpotifyPlaylist(trackIds);
    const endpoint = `GET /v1/playlists/${spotifyPlaylistId}/items`;
    // Pages 1-2 answer; then Spotify answers 500 more often than the client retries one call
    // (PROVIDER_MAX_RETRIES 3), so the attempt fails and BullMQ runs the job again.
    const serverErrors = async () => (await simulator('GET', '/stats')).endpoints['GET /v1/playlists/{playlist_id}/items']?.statuses['500'] ?? 0;
    const before = await serverErrors();
    await simulator('POST', '/faults', [{ endpoint, latencyMs: 1, times: 2 }, { endpoint, status: 500, times: 5 }]);
    const { job, seen } = await importAndWait(user, spotifyPlaylistId);
    expect(job.state).toBe('COMPLETED');
    // Between the attempts the job was back in the queue with the failed attempt's error.
    expect(seen.some((s) => s.state === 'QUEUED')).toBe(true);
    expect((await serverErrors()) - before).toBe(5);
    expect(job.result).toMatchObject({ created: true, total: 250, added: 250 });
    const { items: imported } = await items(user, job.result.playlist.id);
    expect(imported.map((item) => item.track.id)).toEqual(trackIds);
    const lists = await gql('query { me { playlists(first: 100) { nodes { id trackCount } } } }', {}, user);
    expect(lists.data?.me.playlists.nodes).toEqual([{ id: job.result.playlist.id, trackCount: 250 }]);
  });

  it('imports the saved tracks in the order Spotify lists them (newest first)', async () => {
    const saved = catalogueTrackIds.slice(960, 990);
    const { user } = await listenerWithSpotifyPlaylist([], saved);
    const requested = await gql('mutation { importSpotifySavedTracks { id } }', {}, user);
    expect(requested.errors).toBeUndefined();
    const { job } = await followJob(user, requested.data!.importSpotifySavedTracks.id);
    expect(job.result).toMatchObject({ created: true, total: 30, added: 30, playlist: { name: 'Saved tracks from Spotify', spotifySource: { spotifyPlaylistId: null } } });
    const { items: imported } = await items(user, job.result.playlist.id);
    // The simulator lists saved tracks in the order they were given, as the newest first.
    expect(imported.map((item) => item.track.id)).toEqual(saved);
  });
});

describe('imports that cannot run', () => {
  it('tells a user without a linked Spotify account at once, and enqueues nothing', async () => {
    const user = await register({ url: stack.gatewayUrl });
    const response = await gql(IMPORT, { id: catalogueTrackIds[0] }, user);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors?.[0]?.extensions).toMatchObject({ reason: 'ACCOUNT_NOT_LINKED', provider: 'spotify' });
    expect(response.data).toBeNull();
    expect(errorCodes(await gql('mutation { importSpotifySavedTracks { id } }', {}, user))).toEqual(['FORBIDDEN']);
  });

  it('fails the job with a clear error, without retries, for a playlist Spotify does not have', async () => {
    const { user } = await listenerWithSpotifyPlaylist(catalogueTrackIds.slice(0, 3));
    const { job } = await importAndWait(user, '0000000000000000000000');
    expect(job).toMatchObject({ state: 'FAILED', error: 'The Spotify playlist does not exist (any more)', result: null });
  });

  it('refuses bad ids, signed-out callers, and syncing a playlist that was not imported', async () => {
    const user = await register({ url: stack.gatewayUrl });
    const bad = await gql(IMPORT, { id: 'not-an-id' }, user);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions?.field).toBe('spotifyPlaylistId');
    expect(errorCodes(await gql(IMPORT, { id: catalogueTrackIds[0] }))).toEqual(['UNAUTHENTICATED']);
    const own = await gql('mutation { createPlaylist(input: { name: "Mine" }) { id } }', {}, user);
    const sync = await gql(SYNC, { id: own.data!.createPlaylist.id }, user);
    expect(errorCodes(sync)).toEqual(['BAD_USER_INPUT']);
    const stranger = await register({ url: stack.gatewayUrl });
    expect(errorCodes(await gql(SYNC, { id: own.data!.createPlaylist.id }, stranger))).toEqual(['NOT_FOUND']);
  });
});
