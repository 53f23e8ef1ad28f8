/**
 * Collaboration through the gateway: what a VIEW, EDIT and MANAGE collaborator may and may not do
 * with a private playlist, what a stranger sees (nothing: null, NOT_FOUND on edits), removing
 * collaborators (by a manager, or leaving) and access ending with the next request; and the
 * library's `_entities`, called directly: nothing without the gateway's identity, and with it only
 * what `playlist(id)` would answer. Edits check their tracks at the catalog (Spotify), so the file
 * holds the Spotify simulator's lock.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, register, stack, type SignedIn } from '../harness/client.js';
import {
  ADD, addTracks, catalogueTracks, createPlaylist, DELETE, expectError, gatewayIdentity, MOVE, ok, readPlaylist, REMOVE,
  REMOVE_COLLABORATOR, SET_COLLABORATOR, UPDATE, type Item,
} from '../harness/library.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';

let owner: SignedIn, viewer: SignedIn, editor: SignedIn, manager: SignedIn, stranger: SignedIn, invitee: SignedIn;
let trackIds: string[];
/** A private playlist with two items, shared with viewer (VIEW), editor (EDIT) and manager (MANAGE). */
let shared: { id: string; items: string[] };

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  [owner, viewer, editor, manager, stranger, invitee] = await Promise.all([register(), register(), register(), register(), register(), register()]);
  trackIds = (await catalogueTracks(13_000, 6)).map((t) => t.id);
  const created = await createPlaylist(owner.accessToken, { name: 'Shared' });
  const added = await addTracks(owner.accessToken, created.id, 1, trackIds.slice(0, 2));
  shared = { id: created.id, items: added.items.nodes.map((item: Item) => item.id) };
  for (const [user, role] of [[viewer, 'VIEW'], [editor, 'EDIT'], [manager, 'MANAGE']] as const) {
    const { setCollaborator } = await ok(SET_COLLABORATOR, { id: shared.id, user: user.user.id, role }, owner.accessToken);
    expect(setCollaborator.version).toBe(2); // membership is not content
  }
}, LOCK_WAIT_MS + 30_000);
afterAll(() => releaseSimulatorLock('spotify'));

const as = (user: SignedIn | undefined, query: string, variables: Record<string, unknown>) => graphql(query, variables, { token: user?.accessToken });
const version = async () => (await readPlaylist(owner.accessToken, shared.id))!.version as number;
const COLLABORATORS = 'query ($id: ID!) { playlist(id: $id) { collaborators { nodes { user { id } role invitedBy { id } } } } }';

/** Every edit `user` may not make, each refused with `code`, and the playlist unchanged after. */
async function expectRefusedEdits(user: SignedIn | undefined, code: string, edits: string[]) {
  const v = await version();
  const all: Record<string, [string, Record<string, unknown>]> = {
    update: [UPDATE, { id: shared.id, v, input: { name: 'Taken over' } }],
    add: [ADD, { id: shared.id, v, tracks: [trackIds[5]] }],
    remove: [REMOVE, { id: shared.id, v, items: [shared.items[0]] }],
    move: [MOVE, { id: shared.id, v, item: shared.items[0], to: 1 }],
    delete: [DELETE, { id: shared.id, v }],
    invite: [SET_COLLABORATOR, { id: shared.id, user: invitee.user.id, role: 'VIEW' }],
    grantManage: [SET_COLLABORATOR, { id: shared.id, user: invitee.user.id, role: 'MANAGE' }],
    removeOther: [REMOVE_COLLABORATOR, { id: shared.id, user: manager.user.id }],
  };
  const before = await readPlaylist(owner.accessToken, shared.id);
  const collaborators = (await ok(COLLABORATORS, { id: shared.id }, owner.accessToken)).playlist.collaborators;
  for (const edit of edits) {
    const [query, variables] = all[edit]!;
    expectError(await as(user, query, variables), code);
  }
  expect(await readPlaylist(owner.accessToken, shared.id)).toEqual(before);
  expect((await ok(COLLABORATORS, { id: shared.id }, owner.accessToken)).playlist.collaborators).toEqual(collaborators);
}

describe('collaborators by role', () => {
  it('VIEW sees the private playlist and its collaborators, but changes nothing', async () => {
    const seen = await readPlaylist(viewer.accessToken, shared.id);
    expect(seen).toMatchObject({ id: shared.id, viewerAccess: 'VIEW', trackCount: 2 });
    const { collaborators } = (await ok(COLLABORATORS, { id: shared.id }, viewer.accessToken)).playlist;
    expect(collaborators.nodes).toEqual([
      { user: { id: viewer.user.id }, role: 'VIEW', invitedBy: { id: owner.user.id } },
      { user: { id: editor.user.id }, role: 'EDIT', invitedBy: { id: owner.user.id } },
      { user: { id: manager.user.id }, role: 'MANAGE', invitedBy: { id: owner.user.id } },
    ]);
    // It is among the viewer's playlists.
    const mine = (await ok('query { me { playlists { nodes { id } } } }', {}, viewer.accessToken)).me.playlists.nodes;
    expect(mine).toEqual([{ id: shared.id }]);
    await expectRefusedEdits(viewer, 'FORBIDDEN', ['update', 'add', 'remove', 'move', 'delete', 'invite', 'grantManage', 'removeOther']);
  });

  it('EDIT adds, moves and removes items, but cannot rename, invite or delete', async () => {
    expect((await readPlaylist(editor.accessToken, shared.id))!.viewerAccess).toBe('EDIT');
    let v = await version();
    const added = (await ok(ADD, { id: shared.id, v, tracks: [trackIds[2]] }, editor.accessToken)).addPlaylistItems;
    const item = added.items.nodes.at(-1) as Item;
    expect(item).toMatchObject({ position: 2, track: { id: trackIds[2] }, addedBy: { id: editor.user.id } });
    expect(added.version).toBe(++v);
    const moved = (await ok(MOVE, { id: shared.id, v, item: item.id, to: 0 }, editor.accessToken)).movePlaylistItem;
    expect(moved.items.nodes.map((i: Item) => i.id)).toEqual([item.id, ...shared.items]);
    const removed = (await ok(REMOVE, { id: shared.id, v: v + 1, items: [item.id] }, editor.accessToken)).removePlaylistItems;
    expect(removed).toMatchObject({ version: v + 2, trackCount: 2 });
    expect(removed.items.nodes.map((i: Item) => i.id)).toEqual(shared.items);
    await expectRefusedEdits(editor, 'FORBIDDEN', ['update', 'delete', 'invite', 'grantManage', 'removeOther']);
  });

  it('MANAGE renames and invites VIEW or EDIT, but cannot grant MANAGE or delete', async () => {
    const v = await version();
    const renamed = (await ok(UPDATE, { id: shared.id, v, input: { name: 'Managed', tags: ['team'] } }, manager.accessToken)).updatePlaylist;
    expect(renamed).toMatchObject({ name: 'Managed', tags: ['team'], version: v + 1, viewerAccess: 'MANAGE' });
    for (const role of ['VIEW', 'EDIT']) {
      const { setCollaborator } = await ok(SET_COLLABORATOR, { id: shared.id, user: invitee.user.id, role }, manager.accessToken);
      expect(setCollaborator.collaborators.nodes.at(-1)).toEqual({ user: { id: invitee.user.id }, role, invitedBy: { id: manager.user.id } });
      expect(setCollaborator.version).toBe(v + 1);
    }
    expect((await readPlaylist(invitee.accessToken, shared.id))!.viewerAccess).toBe('EDIT');
    await expectRefusedEdits(manager, 'FORBIDDEN', ['delete', 'grantManage']);
    expectError(await as(manager, SET_COLLABORATOR, { id: shared.id, user: owner.user.id, role: 'VIEW' }), 'BAD_USER_INPUT', 'userId');
    // Nobody by that id, or not an id at all: refused before anything is written.
    expectError(await as(manager, SET_COLLABORATOR, { id: shared.id, user: randomUUID(), role: 'VIEW' }), 'BAD_USER_INPUT', 'userId');
    expectError(await as(manager, SET_COLLABORATOR, { id: shared.id, user: 'someone', role: 'VIEW' }), 'BAD_USER_INPUT', 'userId');
    // The manager removes the collaborator it invited; their access ends with the next request.
    await ok(REMOVE_COLLABORATOR, { id: shared.id, user: invitee.user.id }, manager.accessToken);
    expect(await readPlaylist(invitee.accessToken, shared.id)).toBeNull();
    expectError(await as(manager, REMOVE_COLLABORATOR, { id: shared.id, user: invitee.user.id }), 'NOT_FOUND');
  });

  it('a stranger sees null for the private playlist, not an error, and NOT_FOUND on every edit', async () => {
    for (const user of [stranger, undefined]) {
      const response = await as(user, 'query ($id: ID!) { playlist(id: $id) { id name } }', { id: shared.id });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ playlist: null });
    }
    await expectRefusedEdits(stranger, 'NOT_FOUND', ['update', 'add', 'remove', 'move', 'delete', 'invite', 'removeOther']);
    expectError(await as(stranger, 'mutation ($id: ID!) { followPlaylist(id: $id) { id } }', { id: shared.id }), 'NOT_FOUND');
    expectError(await as(stranger, REMOVE_COLLABORATOR, { id: shared.id, user: stranger.user.id }), 'NOT_FOUND');
    expectError(await as(undefined, REMOVE, { id: shared.id, v: await version(), items: [shared.items[0]] }), 'UNAUTHENTICATED');

    // A public playlist the stranger sees (PUBLIC), but may change nothing of, nor see who collaborates.
    const open = await createPlaylist(owner.accessToken, { name: 'Open', isPublic: true });
    expect((await readPlaylist(stranger.accessToken, open.id))!).toMatchObject({ viewerAccess: 'PUBLIC', version: 1 });
    expectError(await as(stranger, UPDATE, { id: open.id, v: 1, input: { name: 'Mine' } }), 'FORBIDDEN');
    expectError(await as(stranger, ADD, { id: open.id, v: 1, tracks: [trackIds[4]] }), 'FORBIDDEN');
    expectError(await as(stranger, DELETE, { id: open.id, v: 1 }), 'FORBIDDEN');
    expectError(await as(stranger, SET_COLLABORATOR, { id: open.id, user: stranger.user.id, role: 'EDIT' }), 'FORBIDDEN');
    expectError(await as(stranger, COLLABORATORS, { id: open.id }), 'FORBIDDEN');
    expect((await readPlaylist(owner.accessToken, open.id))!).toMatchObject({ name: 'Open', version: 1, trackCount: 0 });
  });

  it('the owner removes a collaborator and a collaborator leaves: access ends at once', async () => {
    await ok(REMOVE_COLLABORATOR, { id: shared.id, user: editor.user.id }, owner.accessToken);
    expect(await readPlaylist(editor.accessToken, shared.id)).toBeNull();
    expectError(await as(editor, ADD, { id: shared.id, v: await version(), tracks: [trackIds[3]] }), 'NOT_FOUND');

    await ok(REMOVE_COLLABORATOR, { id: shared.id, user: viewer.user.id }, viewer.accessToken);
    expect(await readPlaylist(viewer.accessToken, shared.id)).toBeNull();
    expect((await ok('query { me { playlists { nodes { id } } } }', {}, viewer.accessToken)).me.playlists.nodes).toEqual([]);
    expectError(await as(viewer, REMOVE_COLLABORATOR, { id: shared.id, user: viewer.user.id }), 'NOT_FOUND');

    const left = (await ok(COLLABORATORS, { id: shared.id }, owner.accessToken)).playlist.collaborators.nodes;
    expect(left.map((c: { user: { id: string } }) => c.user.id)).toEqual([manager.user.id]);
  });
});

describe("the library's _entities, called directly", () => {
  const ENTITIES = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Playlist { id name viewerAccess } } }';
  const direct = async (id: string, identityOf?: SignedIn | 'anonymous') => {
    const headers = identityOf ? { 'x-identity-token': await gatewayIdentity(identityOf === 'anonymous' ? undefined : identityOf.user.id) } : undefined;
    return graphql(ENTITIES, { reps: [{ __typename: 'Playlist', id }] }, { url: stack().subgraphUrls.library, headers });
  };

  it('answers nothing without the gateway identity, and otherwise only what playlist(id) would', async () => {
    const secret = await createPlaylist(owner.accessToken, { name: 'Entity secret' });
    const open = await createPlaylist(owner.accessToken, { name: 'Entity open', isPublic: true });
    await ok(SET_COLLABORATOR, { id: secret.id, user: viewer.user.id, role: 'VIEW' }, owner.accessToken);

    // (a) No identity token (or a plain x-user-id): nothing, even for the public one.
    for (const id of [secret.id, open.id]) {
      expect((await direct(id)).data?._entities).toEqual([null]);
      const forged = await graphql(ENTITIES, { reps: [{ __typename: 'Playlist', id }] }, { url: stack().subgraphUrls.library, headers: { 'x-user-id': owner.user.id } });
      expect(forged.data?._entities).toEqual([null]);
    }
    // (b) As the gateway would ask: the owner and a collaborator get the private one; a stranger and anonymous callers only the public one.
    expect((await direct(secret.id, owner)).data?._entities).toEqual([{ id: secret.id, name: 'Entity secret', viewerAccess: 'OWNER' }]);
    expect((await direct(secret.id, viewer)).data?._entities).toEqual([{ id: secret.id, name: 'Entity secret', viewerAccess: 'VIEW' }]);
    expect((await direct(secret.id, stranger)).data?._entities).toEqual([null]);
    expect((await direct(secret.id, 'anonymous')).data?._entities).toEqual([null]);
    expect((await direct(open.id, stranger)).data?._entities).toEqual([{ id: open.id, name: 'Entity open', viewerAccess: 'PUBLIC' }]);
    expect(await readPlaylist(stranger.accessToken, secret.id)).toBeNull();

    // A removed collaborator loses it on both paths at once.
    await ok(REMOVE_COLLABORATOR, { id: secret.id, user: viewer.user.id }, owner.accessToken);
    expect((await direct(secret.id, viewer)).data?._entities).toEqual([null]);
    expect(await readPlaylist(viewer.accessToken, secret.id)).toBeNull();
  });
});
