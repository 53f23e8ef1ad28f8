/**
 * One query as a registered user reaches all six subgraphs through the gateway: users (me),
 * library, streaming and analytics (fields they add to User), catalog (track) and lyrics (fields
 * it adds to Track). Each value was written through that subgraph's own mutation first.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphql, login, register } from '../harness/client.js';
import { TEST_ADMIN } from '../harness/test-env.js';

const TRACK_ID = '4uLU6hMCjMI75M1A2tKUQC';
let adminToken: string;

beforeAll(async () => {
  adminToken = (await login(TEST_ADMIN.email, TEST_ADMIN.password)).data!.login.accessToken;
  const curated = await graphql(
    `mutation ($input: CurateTrackInput!) { curateTrack(input: $input) { id } }`,
    {
      input: {
        id: TRACK_ID,
        name: 'Never Gonna Give You Up',
        durationMs: 213_573,
        explicit: false,
        isrc: 'GBARL9300135',
        artists: [{ id: '0gxyHStUsqpMadRV0Di1Qt', name: 'Rick Astley', genres: ['dance pop'] }],
        album: { id: '6N9PS4QXF1D0OWPk0Sxtb4', name: 'Whenever You Need Somebody', releaseDate: '1987-11-12' },
      },
    },
    { token: adminToken },
  );
  expect(curated.errors).toBeUndefined();
  const match = await graphql(
    `mutation ($input: SetLyricsMatchInput!) { setLyricsMatch(input: $input) { trackId } }`,
    {
      input: {
        trackId: TRACK_ID,
        geniusSongId: '84851',
        title: 'Never Gonna Give You Up',
        primaryArtist: 'Rick Astley',
        url: 'https://genius.com/Rick-astley-never-gonna-give-you-up-lyrics',
      },
    },
    { token: adminToken },
  );
  expect(match.errors).toBeUndefined();
  const language = await graphql('mutation ($id: ID!) { setTrackLanguage(trackId: $id, language: "en") { id } }', { id: TRACK_ID }, { token: adminToken });
  expect(language.errors).toBeUndefined();
});

describe('the supergraph', () => {
  it('answers one query from all six subgraphs', async () => {
    const user = await register();
    const token = user.accessToken;
    const write = async (query: string, variables: Record<string, unknown>) => {
      const response = await graphql(query, variables, { token });
      expect(response.errors).toBeUndefined();
      return response.data!;
    };
    await write('mutation ($input: CreatePlaylistInput!) { createPlaylist(input: $input) { id } }', { input: { name: 'Road trip' } });
    const { registerDevice } = await write('mutation ($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }', {
      input: { name: 'Kitchen speaker', kind: 'SPEAKER' },
    });
    await write('mutation ($input: UpdatePlaybackInput!) { updatePlayback(input: $input) { isPlaying } }', {
      input: { deviceId: registerDevice.id, trackId: TRACK_ID, isPlaying: true, positionMs: 42_000 },
    });
    await write('mutation ($input: RecordListeningInput!) { recordListening(input: $input) { id } }', {
      input: { eventId: randomUUID(), trackId: TRACK_ID, playedMs: 200_000, playedAt: new Date().toISOString() },
    });
    // Stats read rollups, which the analytics-rollups job updates every second in tests.
    for (let tries = 0; ; tries++) {
      const stats = await graphql('query { me { listeningStats { totalListens } } }', {}, { token });
      if (stats.data?.me?.listeningStats?.totalListens === 1 || tries > 100) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const response = await graphql(
      `query ($track: ID!) {
        me {
          email
          sessions { deviceName current }
          playlists { nodes { name owner { displayName } } }
          devices { name kind }
          playbackState { isPlaying positionMs track { id name } }
          listeningStats { totalListens distinctTracks }
        }
        track(id: $track) {
          name
          artists { name }
          album { name }
          lyrics { title url }
          language
          listenCount
        }
      }`,
      { track: TRACK_ID },
      { token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      me: {
        email: user.email,
        sessions: [{ deviceName: 'Test phone', current: true }],
        playlists: { nodes: [{ name: 'Road trip', owner: { displayName: 'Test Listener' } }] },
        devices: [{ name: 'Kitchen speaker', kind: 'SPEAKER' }],
        playbackState: { isPlaying: true, positionMs: 42_000, track: { id: TRACK_ID, name: 'Never Gonna Give You Up' } },
        listeningStats: { totalListens: 1, distinctTracks: 1 },
      },
      track: {
        name: 'Never Gonna Give You Up',
        artists: [{ name: 'Rick Astley' }],
        album: { name: 'Whenever You Need Somebody' },
        lyrics: { title: 'Never Gonna Give You Up', url: 'https://genius.com/Rick-astley-never-gonna-give-you-up-lyrics' },
        language: 'en',
        listenCount: expect.any(Number),
      },
    });
    expect(response.data!.track.listenCount).toBeGreaterThanOrEqual(1);
  });

  it("does not let one user read another's private fields through the graph", async () => {
    const alice = await register();
    const bob = await register();
    const created = await graphql(
      'mutation { createPlaylist(input: { name: "Shared mix", isPublic: true }) { id } }',
      {},
      { token: bob.accessToken },
    );
    const id = created.data!.createPlaylist.id;
    // The public playlist and its owner's public name are readable...
    const visible = await graphql('query ($id: ID!) { playlist(id: $id) { name owner { displayName } } }', { id }, { token: alice.accessToken });
    expect(visible.data?.playlist).toEqual({ name: 'Shared mix', owner: { displayName: 'Test Listener' } });
    // ...but reaching the owner's private fields through the entity is refused.
    for (const field of ['email', 'sessions { id }', 'devices { id }', 'listeningStats { totalListens }', 'playlists { nodes { id } }']) {
      const response = await graphql(`query ($id: ID!) { playlist(id: $id) { owner { ${field} } } }`, { id }, { token: alice.accessToken });
      expect(errorCodes(response)).toContain('FORBIDDEN');
      expect(JSON.stringify(response.data)).not.toContain(bob.email);
      expect(response.data?.playlist ?? null).toBeNull();
    }
  });
});
