/**
 * Privacy through the gateway: a listener with data in every subgraph (an account with two
 * sessions and a linked Spotify account, a playlist with items, a collaboration on someone else's playlist with an item added
 * there, a follow, saved tracks, a streaming device with playback state and a queue, listening
 * events, a report on a mapping) exports everything (`exportMyData`, a DATA_EXPORT job followed to
 * COMPLETED with its progress) and then deletes the account (`deleteMyAccount`, an ACCOUNT_DELETION
 * job followed until its last step closes the subscription with 4403, and to COMPLETED by an
 * admin). Afterwards a brute-force scan of every store (test/harness/store-scan.ts) finds neither
 * the user's id, nor their email, nor their display name; the other user's playlist keeps the item,
 * added by "Deleted user"; global counts are unchanged; the user's tokens and password are refused.
 * Bad inputs: a wrong password, another user's job, an unauthenticated call, a non-admin's
 * deleteUserAccount.
 *
 * The mapping report needs a mapping without running the engine (mapping.test.ts needs the
 * catalogue's caches cold for its tracks): an admin verifies one far from that file's tracks, as
 * streaming.test.ts does, holding the Spotify then the YouTube simulator's lock meanwhile.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETED_USER_ID } from '../../platform/privacy/contract.js';
import { errorCodes, fromIp, graphql, login, stack, uniqueEmail, uniqueIp, type SignedIn } from '../harness/client.js';
import { addTracks, catalogueTracks, createPlaylist, expectError, ok, verifiedMapping } from '../harness/library.js';
import { liveClient, subscribe } from '../harness/live.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';
import { scanEveryStore } from '../harness/store-scan.js';
import { TEST_ADMIN } from '../harness/test-env.js';

const JOB = `id kind state progress error result {
  ... on DataExportJobResult { jobId document generatedAt expiresAt }
  ... on AccountDeletionJobResult { jobId deletedAt erased } }`;
const READ_JOB = `query ($id: ID!) { job(id: $id) { ${JOB} } }`;
const EXPORT = 'mutation { exportMyData { id kind state } }';
const DELETE_ME = 'mutation ($password: String!) { deleteMyAccount(password: $password) { id kind state } }';
const DELETE_USER = 'mutation ($id: ID!) { deleteUserAccount(id: $id) { id } }';
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) {
  accessToken refreshToken user { id email role } session { id deviceName } } }`;

type Job = { id: string; kind: string; state: string; progress: number; error: string | null; result: Record<string, any> | null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function registerAs(displayName: string, password = 'Correct-horse-9-battery'): Promise<SignedIn & { email: string; password: string; displayName: string }> {
  const email = uniqueEmail('privacy');
  const response = await graphql<{ register: SignedIn }>(REGISTER, { input: { email, password, displayName, deviceName: 'Phone' } }, { headers: fromIp(uniqueIp()) });
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return { ...response.data.register, email, password, displayName };
}

/** Links a new Spotify user of the simulator to the account, through the consent flow; returns that user's Spotify id. */
async function linkSpotify(user: SignedIn, displayName: string): Promise<string> {
  const spotifyUser = `sim${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const created = await fetch(`${stack().simulators.spotify}/_simulator/spotify/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: spotifyUser, displayName }),
  });
  expect(created.ok).toBe(true);
  const started = (await ok<{ startAccountLink: { authorizeUrl: string; state: string } }>('mutation { startAccountLink(provider: SPOTIFY) { authorizeUrl state } }', {}, user.accessToken))
    .startAccountLink;
  const consent = new URL(started.authorizeUrl);
  consent.searchParams.set('sim_user', spotifyUser);
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
  const linked = await ok<{ finishAccountLink: { status: string } }>(
    'mutation ($code: String!, $state: String!) { finishAccountLink(provider: SPOTIFY, code: $code, state: $state) { status } }',
    { code: back.searchParams.get('code'), state: started.state },
    user.accessToken,
  );
  expect(linked.finishAccountLink.status).toBe('ACTIVE');
  return spotifyUser;
}

async function readJob(token: string, id: string): Promise<Job | null> {
  return (await ok<{ job: Job | null }>(READ_JOB, { id }, token)).job;
}

async function waitForJob(token: string, id: string, done = (job: Job) => job.state === 'COMPLETED' || job.state === 'FAILED'): Promise<Job> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await readJob(token, id);
    if (job && done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish: ${JSON.stringify(job)}`);
    await sleep(200);
  }
}

/** A track's play count across all users, once the rollups (which counts read) include every listen. */
const listenCount = async (trackId: string) => {
  await ok('mutation { refreshListeningRollups { events } }', {}, admin.accessToken);
  return (await ok<{ track: { listenCount: number } }>('query ($id: ID!) { track(id: $id) { listenCount } }', { id: trackId })).track.listenCount;
};

let tracks: string[];
let mapped: { id: string; videoId: string };
let admin: SignedIn;

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  try {
    await warmSpotifyToken();
    // Positions 15,000-15,009 and 15,500 on: clear of the mapping, library and streaming tests' tracks.
    tracks = (await catalogueTracks(15000, 6)).map((track) => track.id);
    admin = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login;
    await holdSimulatorLock('youtube');
    try {
      mapped = await verifiedMapping(admin.accessToken, 15500);
    } finally {
      await releaseSimulatorLock('youtube');
    }
  } finally {
    await releaseSimulatorLock('spotify');
  }
}, 2 * LOCK_WAIT_MS + 60_000);

afterAll(async () => {
  await releaseSimulatorLock('youtube');
  await releaseSimulatorLock('spotify');
});

describe('export and deletion of an account', () => {
  const marker = randomUUID().slice(0, 8);
  let ada: Awaited<ReturnType<typeof registerAs>>;
  let bob: Awaited<ReturnType<typeof registerAs>>;
  let adaPlaylist: Record<string, any>;
  let bobPlaylist: Record<string, any>;
  let device: { id: string };
  let countsBefore: number[];
  let adaSpotifyId: string;

  beforeAll(async () => {
    ada = await registerAs(`Ada Privacy ${marker}`);
    bob = await registerAs(`Bob Keeps ${marker}`);
    const [t0, t1, t2, t3, t4] = tracks as [string, string, string, string, string];

    // users: a linked Spotify account (its tokens are sealed in the users database).
    adaSpotifyId = await linkSpotify(ada, `Ada on Spotify ${marker}`);

    // library: ada's own playlist with items; bob's playlist, shared with ada, with an item she adds; a follow; saved tracks.
    adaPlaylist = await createPlaylist(ada.accessToken, { name: `Ada's mix ${marker}`, tags: ['privacy'] });
    await addTracks(ada.accessToken, adaPlaylist.id, adaPlaylist.version, [t0, t1]);
    bobPlaylist = await createPlaylist(bob.accessToken, { name: `Bob's shared list ${marker}`, isPublic: true });
    bobPlaylist = await addTracks(bob.accessToken, bobPlaylist.id, bobPlaylist.version, [t2]);
    await ok('mutation ($p: ID!, $u: ID!) { setCollaborator(playlistId: $p, userId: $u, role: EDIT) { id } }', { p: bobPlaylist.id, u: ada.user.id }, bob.accessToken);
    bobPlaylist = await addTracks(ada.accessToken, bobPlaylist.id, bobPlaylist.version, [t3]);
    await ok('mutation ($id: ID!) { followPlaylist(id: $id) { followerCount } }', { id: bobPlaylist.id }, ada.accessToken);
    for (const trackId of [t0, t4]) await ok('mutation ($id: ID!) { saveTrack(trackId: $id) { savedTrackCount } }', { id: trackId }, ada.accessToken);

    // streaming: a device, playback of a list of tracks, a queued track.
    device = (await ok<{ registerDevice: { id: string } }>('mutation { registerDevice(input: { name: "Ada laptop", kind: DESKTOP }) { id } }', {}, ada.accessToken))
      .registerDevice;
    const state = (await ok<{ play: { version: number } }>('mutation ($input: PlayInput!) { play(input: $input) { version } }', { input: { trackId: t0, deviceId: device.id } }, ada.accessToken)).play;
    await ok('mutation ($t: ID!, $v: Int) { addToQueue(trackId: $t, expectedVersion: $v) { version } }', { t: t1, v: state.version }, ada.accessToken);

    // analytics: two listens by ada and one by bob of the same track.
    const listen = (user: SignedIn, trackId: string) =>
      ok(
        'mutation ($input: RecordListeningInput!) { recordListening(input: $input) { id } }',
        { input: { eventId: randomUUID(), trackId, playedMs: 30_000, playedAt: new Date(Date.now() - 60_000).toISOString(), deviceId: device.id } },
        user.accessToken,
      );
    await listen(ada, t0);
    await listen(ada, t1);
    await listen(bob, t0);

    // catalog: a report on the verified mapping, with a note.
    await ok('mutation ($id: ID!, $note: String) { reportWrongMapping(trackId: $id, note: $note) { reportCount } }', { id: mapped.id, note: `wrong one ${marker}` }, ada.accessToken);
    // Listens reach the counts asynchronously (the rollups read what is recorded): wait for all three.
    const deadline = Date.now() + 30_000;
    do {
      countsBefore = [await listenCount(t0), await listenCount(t1)];
      if (countsBefore[0] === 2 && countsBefore[1] === 1) break;
      await sleep(500);
    } while (Date.now() < deadline);
    expect(countsBefore).toEqual([2, 1]);
  }, 60_000);

  it('refuses unauthenticated callers and bad inputs, writing nothing', async () => {
    expect(errorCodes(await graphql(EXPORT))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graphql(DELETE_ME, { password: ada.password }))).toEqual(['UNAUTHENTICATED']);
    expectError(await graphql(DELETE_ME, { password: 'Not-the-password-1' }, { token: ada.accessToken }), 'BAD_USER_INPUT', 'password');
    expectError(await graphql(DELETE_USER, { id: ada.user.id }, { token: bob.accessToken }), 'FORBIDDEN');
    expectError(await graphql(DELETE_USER, { id: 'not-a-user' }, { token: admin.accessToken }), 'BAD_USER_INPUT', 'id');
    expectError(await graphql(DELETE_USER, { id: admin.user.id }, { token: admin.accessToken }), 'BAD_USER_INPUT', 'id');
    // Nothing changed: ada still signs in and reads her account.
    expect((await ok<{ me: { id: string } }>('query { me { id } }', {}, ada.accessToken)).me.id).toBe(ada.user.id);
  });

  it('exports everything every subgraph holds about the user, without secrets, for her only', { timeout: 90_000 }, async () => {
    const live = liveClient({ token: ada.accessToken });
    await live.connected;
    const started = (await ok<{ exportMyData: Job }>(EXPORT, {}, ada.accessToken)).exportMyData;
    expect(started).toMatchObject({ kind: 'DATA_EXPORT' });
    expect(started.id).toMatch(/^users-data-export:export-[0-9a-f]{32}$/);
    const updates = subscribe<{ jobUpdated: Job }>(live, 'subscription ($id: ID!) { jobUpdated(id: $id) { state progress } }', { id: started.id });
    // Asking again while it runs is the same job.
    expect((await ok<{ exportMyData: Job }>(EXPORT, {}, ada.accessToken)).exportMyData.id).toBe(started.id);

    const job = await waitForJob(ada.accessToken, started.id);
    expect(job).toMatchObject({ state: 'COMPLETED', progress: 100, error: null });
    await updates.next((p) => p.data?.jobUpdated.state === 'COMPLETED', 10_000).catch(() => undefined);
    const progress = updates.payloads.map((p) => p.data?.jobUpdated.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    updates.unsubscribe();
    await live.dispose();

    const result = job.result!;
    expect(Date.parse(result.expiresAt) - Date.parse(result.generatedAt)).toBe(24 * 3600 * 1000);
    const doc = result.document as { format: number; userId: string; sections: Record<string, any> };
    expect(doc).toMatchObject({ format: 1, userId: ada.user.id });
    expect(Object.keys(doc.sections).sort()).toEqual(['analytics', 'catalog', 'library', 'streaming', 'users']);

    const { users, library, streaming, analytics, catalog } = doc.sections;
    expect(users.account).toMatchObject({ id: ada.user.id, email: ada.email, displayName: ada.displayName, role: 'USER' });
    expect(users.sessions.map((s: { id: string }) => s.id)).toContain(ada.session.id);
    expect(users.linkedAccounts).toEqual([expect.objectContaining({ provider: 'spotify', externalId: adaSpotifyId, displayName: `Ada on Spotify ${marker}`, status: 'active' })]);
    expect(library.playlists).toHaveLength(1);
    expect(library.playlists[0]).toMatchObject({ id: adaPlaylist.id, name: `Ada's mix ${marker}`, tags: ['privacy'] });
    expect(library.playlists[0].items.map((i: { trackId: string }) => i.trackId)).toEqual([tracks[0], tracks[1]]);
    expect(library.collaborations).toEqual([expect.objectContaining({ playlistId: bobPlaylist.id, role: 'EDIT' })]);
    expect(library.itemsAddedToOthersPlaylists).toEqual([expect.objectContaining({ playlistId: bobPlaylist.id, trackId: tracks[3] })]);
    expect(library.follows).toEqual([expect.objectContaining({ playlistId: bobPlaylist.id })]);
    expect(library.savedTracks.map((s: { trackId: string }) => s.trackId).sort()).toEqual([tracks[0], tracks[4]].sort());
    expect(streaming.devices).toEqual([expect.objectContaining({ id: device.id, name: 'Ada laptop', kind: 'DESKTOP' })]);
    expect(streaming.playbackState).toMatchObject({ trackId: tracks[0] });
    expect(streaming.queueTrackIds).toEqual([tracks[1]]);
    expect(analytics.listening_events.map((e: { track_id: string }) => e.track_id).sort()).toEqual([tracks[0], tracks[1]].sort());
    expect(catalog.mappingReports).toEqual([expect.objectContaining({ trackId: mapped.id, videoId: mapped.videoId, note: `wrong one ${marker}` })]);

    // No secrets: no password (or its hash), no refresh token, no access token.
    const text = JSON.stringify(doc);
    for (const secret of [ada.password, ada.refreshToken, ada.accessToken, '$argon2', 'passwordHash', 'tokenHash', 'encrypted']) expect(text).not.toContain(secret);

    // Bob can neither read nor follow ada's export.
    expect(await readJob(bob.accessToken, started.id)).toBeNull();
    const bobLive = liveClient({ token: bob.accessToken });
    const refused = await subscribe(bobLive, 'subscription ($id: ID!) { jobUpdated(id: $id) { state } }', { id: started.id }).ended;
    expect(refused.completed).toBe(false);
    // Someone else's job looks like no job at all, as `job(id)` answers it.
    if (!refused.completed) expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    await bobLive.dispose();
  });

  it('deletes the account: progress until the last step, then 4403; nothing identifies her anywhere', { timeout: 180_000 }, async () => {
    const laptop = (await login(ada.email, ada.password, { deviceName: 'Laptop' })).data!.login;
    const live = liveClient({ token: ada.accessToken });
    await live.connected;
    const started = (await ok<{ deleteMyAccount: Job }>(DELETE_ME, { password: ada.password }, ada.accessToken)).deleteMyAccount;
    expect(started).toMatchObject({ kind: 'ACCOUNT_DELETION' });
    const updates = subscribe<{ jobUpdated: Job }>(live, 'subscription ($id: ID!) { jobUpdated(id: $id) { state progress } }', { id: started.id });

    // At once: her other session is refused, and she can no longer sign in or export.
    expect(errorCodes(await graphql('query { me { id } }', {}, { token: laptop.accessToken }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await login(ada.email, ada.password))).toEqual(['FORBIDDEN']);

    // The admin follows it to the end; ada's socket is closed with 4403 by the last step.
    const done = await waitForJob(admin.accessToken, started.id);
    expect(done).toMatchObject({ state: 'COMPLETED', progress: 100, error: null });
    expect(done.result).toMatchObject({ jobId: started.id });
    expect(done.result!.erased.library).toMatchObject({ playlistsDeleted: 1, itemsAnonymised: 1, followsDeleted: 1, collaborationsDeleted: 1, savedTracksDeleted: 2 });
    expect(done.result!.erased.catalog).toMatchObject({ reportsAnonymised: 1 });
    expect(done.result!.erased.users).toMatchObject({ accountsDeleted: 1, sessionsDeleted: 2, linkedAccountsDeleted: 1 });
    const closed = await live.closed;
    expect(closed.code).toBe(4403);
    // Once the last step withdrew her from the job, an update reads as no job (null) until the socket closes.
    const seen = updates.payloads.flatMap((p) => (p.data?.jobUpdated ? [p.data.jobUpdated.progress] : []));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.every((value) => value < 100)).toBe(true);

    // Her tokens and password are refused; another user's data keeps its shape.
    expect(errorCodes(await graphql('query { me { id } }', {}, { token: ada.accessToken }))).toEqual(['UNAUTHENTICATED']);
    const kept = await ok<{ playlist: { trackCount: number; followerCount: number; items: { nodes: { track: { id: string }; addedBy: { id: string; displayName: string } }[] } } }>(
      'query ($id: ID!) { playlist(id: $id) { trackCount followerCount items { nodes { track { id } addedBy { id displayName } } } } }',
      { id: bobPlaylist.id },
      bob.accessToken,
    );
    expect(kept.playlist.trackCount).toBe(2);
    expect(kept.playlist.followerCount).toBe(0);
    expect(kept.playlist.items.nodes.map((n) => n.track.id)).toEqual([tracks[2], tracks[3]]);
    expect(kept.playlist.items.nodes[1]!.addedBy).toEqual({ id: DELETED_USER_ID, displayName: 'Deleted user' });
    expect(kept.playlist.items.nodes[0]!.addedBy.id).toBe(bob.user.id);
    expect(await ok('query ($id: ID!) { playlist(id: $id) { id } }', { id: adaPlaylist.id }, admin.accessToken)).toEqual({ playlist: null });
    expect([await listenCount(tracks[0]!), await listenCount(tracks[1]!)]).toEqual(countsBefore);

    // Every store, searched as text: nothing names her. No exception is needed: the deletion job's
    // own record stays a day, but holds only counts under an id that is a one-way hash.
    const findings = await scanEveryStore([ada.user.id, ada.email, ada.displayName, adaSpotifyId, `Ada on Spotify ${marker}`]);
    expect(findings).toEqual([]);
    // The scan finds what is there: bob is still everywhere he was.
    expect((await scanEveryStore([bob.user.id])).length).toBeGreaterThan(0);

    // Signing in with her email now is a failed sign-in like any unknown email's; it is counted under
    // that email by the throttle, as for every address (so answers never tell which accounts exist),
    // which is why it comes after the scan.
    expect(errorCodes(await login(ada.email, ada.password))).toEqual(['UNAUTHENTICATED']);

    // Deleting again is a NOT_FOUND for the admin (the account is gone), and the job stays readable to them.
    expectError(await graphql(DELETE_USER, { id: ada.user.id }, { token: admin.accessToken }), 'NOT_FOUND');
    await live.dispose();
  });
});
