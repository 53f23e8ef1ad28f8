/**
 * The catalogue in the graph, through the gateway against the Spotify simulator: search paged
 * across Spotify's 10-item pages (with exact call counts), every entity field against the
 * simulator's ground truth, album tracks and artist albums pages, Spotify down (snapshots answer,
 * a typed error for what has none), and bad input (BAD_USER_INPUT, no Spotify call, nothing
 * written).
 *
 * The simulator's counters and faults are global, so this file holds the Spotify simulator's lock
 * (test/harness/simulator-lock.ts) while it runs, and every fault it injects is cleared after its test.
 */
import { MongoClient, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, graphql, stack, type GraphQLResponse } from '../harness/client.js';
import { spotifyCatalogueCalls } from '../harness/spotify-calls.js';
import { holdSimulatorLock, LOCK_WAIT_MS, releaseSimulatorLock, warmSpotifyToken } from '../harness/simulator-lock.js';
import { parseExposition } from '../harness/prometheus-text.js';

// Answers are JSON the tests navigate freely.
type Json = any;

const sim = () => stack().simulators.spotify;

async function control<T = Json>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(`${sim()}/_simulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

const inject = (fault: Record<string, unknown>) => control('faults', 'POST', fault);

let appToken: string | undefined;
/** Spotify's own answer, asked directly (outside the measured windows), to compare with the graph's. */
async function spotify(path: string): Promise<Json> {
  appToken ??= (
    (await (
      await fetch(`${sim()}/api/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('simulator-spotify-client:simulator-spotify-secret').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string }
  ).access_token;
  return (await fetch(`${sim()}/v1${path}`, { headers: { authorization: `Bearer ${appToken}` } })).json();
}

const catalogueTracks = async (query: string): Promise<Json[]> => (await control(`catalogue/tracks?${query}`)).items;
const truth = (trackId: string) => control(`truth/tracks/${trackId}`);

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let mongo: MongoClient;
let catalogDb: Db;
const snapshot = (collection: 'tracks' | 'albums' | 'artists', id: string) => catalogDb.collection<{ _id: string } & Json>(collection).findOne({ _id: id });

beforeAll(async () => {
  await holdSimulatorLock('spotify');
  await warmSpotifyToken();
  mongo = await MongoClient.connect(stack().env.MONGO_URL!);
  catalogDb = mongo.db(`${stack().env.DATABASE_NAME_PREFIX ?? ''}catalog`);
}, LOCK_WAIT_MS + 10_000);

afterAll(async () => {
  await mongo?.close();
  await releaseSimulatorLock('spotify');
});

afterEach(async () => {
  await control('faults', 'DELETE');
});

/** The catalog's Spotify breaker is closed again (other files' requests must not find it open). */
async function breakerClosed(): Promise<void> {
  const metrics = stack().subgraphUrls.catalog.replace(/\/graphql$/, '/metrics');
  await eventually(async () => parseExposition(await (await fetch(metrics)).text()).find('provider_circuit_open', { provider: 'spotify' })[0]?.value === 0, 'the Spotify breaker to close', 10_000);
}

const SEARCH_TRACKS = `query ($query: String!, $first: Int, $after: String, $types: [SearchType!]) {
  search(query: $query, first: $first, after: $after, types: $types) {
    tracks { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name } } }
  }
}`;

describe('search', () => {
  it('pages across Spotify’s 10-item pages: 3 calls for 25, cached pages cost none', async () => {
    const spotifyIds: string[] = [];
    for (const offset of [0, 10, 20, 30, 40]) spotifyIds.push(...(await spotify(`/search?q=love&type=track&limit=10&offset=${offset}`)).tracks.items.map((t: Json) => t.id));

    let page1!: GraphQLResponse;
    expect(await spotifyCatalogueCalls(async () => (page1 = await graphql(SEARCH_TRACKS, { query: 'love', first: 25, types: ['TRACK'] })))).toEqual({ 'GET /v1/search': 3 });
    expect(page1.errors).toBeUndefined();
    const tracks = page1.data!.search.tracks;
    expect(tracks.edges.map((e: Json) => e.node.id)).toEqual(spotifyIds.slice(0, 25));
    expect(tracks.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(tracks.totalCount).toBe((await spotify('/search?q=love&type=track&limit=1')).tracks.total);
    expect(tracks.edges.at(-1).cursor).toBe(tracks.pageInfo.endCursor);

    // The next 25 start mid-page: page 20 is cached, pages 30 and 40 are not.
    let page2!: GraphQLResponse;
    expect(await spotifyCatalogueCalls(async () => (page2 = await graphql(SEARCH_TRACKS, { query: 'love', first: 25, after: tracks.pageInfo.endCursor })))).toEqual({ 'GET /v1/search': 2 });
    expect(page2.data!.search.tracks.edges.map((e: Json) => e.node.id)).toEqual(spotifyIds.slice(25, 50));
    expect(page2.data!.search.tracks.pageInfo.hasPreviousPage).toBe(true);

    // Any client asking the same again is served from the cache.
    expect(await spotifyCatalogueCalls(() => graphql(SEARCH_TRACKS, { query: '  love ', first: 25 }))).toEqual({});
  });

  it('fetches every selected type in the same calls, and only the types selected', async () => {
    const query = 'fire';
    const totals = await spotify(`/search?q=${query}&type=track,album,artist,playlist&limit=1`);
    expect(totals.tracks.total).toBeGreaterThan(15);
    let response!: GraphQLResponse;
    const calls = await spotifyCatalogueCalls(
      async () =>
        (response = await graphql(
          `query ($query: String!) { search(query: $query, first: 15) {
            tracks { totalCount nodes { id } } albums { totalCount nodes { id name albumType } }
            artists { totalCount nodes { id } } playlists { totalCount nodes { id } } } }`,
          { query },
        )),
    );
    expect(response.errors).toBeUndefined();
    // The first page of all four types in one call, then page 10 of those that go on, again in one.
    expect(calls).toEqual({ 'GET /v1/search': 2 });
    const { tracks, albums, artists, playlists } = response.data!.search;
    expect(tracks.nodes).toHaveLength(15);
    expect([tracks.totalCount, albums.totalCount, artists.totalCount, playlists.totalCount]).toEqual([
      totals.tracks.total,
      totals.albums.total,
      totals.artists.total,
      totals.playlists.total,
    ]);
    const spotifyAlbums = (await spotify(`/search?q=${query}&type=album&limit=10`)).albums.items;
    expect(albums.nodes[0]).toEqual({ id: spotifyAlbums[0].id, name: spotifyAlbums[0].name, albumType: spotifyAlbums[0].album_type.toUpperCase() });

    // A type left out of `types` answers an empty page without a call.
    const none = await spotifyCatalogueCalls(async () => (response = await graphql(`query { search(query: "fire", types: [ARTIST], first: 5) { tracks { totalCount nodes { id } } } }`)));
    expect(none).toEqual({});
    expect(response.data!.search.tracks).toEqual({ totalCount: 0, nodes: [] });
  });

  it('finds public Spotify playlists', async () => {
    const [track] = await catalogueTracks('offset=100&limit=1');
    const name = `Catalogue Test Mix ${Date.now().toString(36)}`;
    await control('spotify/users', 'POST', { id: `catalogue-test-${Date.now().toString(36)}`, displayName: 'Catalogue Tester', playlists: [{ name, description: 'for the catalogue test', public: true, trackIds: [track.id] }] });
    const response = await graphql(
      `query ($query: String!) { search(query: $query, types: [PLAYLIST]) { playlists { totalCount nodes { id name description images { url } owner { id displayName } totalTracks spotifyUrl } } } }`,
      { query: name },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.search.playlists.nodes).toEqual([
      expect.objectContaining({ name, description: 'for the catalogue test', owner: expect.objectContaining({ displayName: 'Catalogue Tester' }), totalTracks: 1, spotifyUrl: expect.stringMatching(/^https:\/\/open\.spotify\.com\/playlist\//) }),
    ]);
  });
});

const IMAGE = 'url width height';
const TRACK_FIELDS = `id name durationMs explicit isrc trackNumber discNumber popularity previewUrl spotifyUrl origin updatedAt
  artists { id name genres popularity followers images { ${IMAGE} } spotifyUrl origin }
  album { id name albumType releaseDate releaseDatePrecision totalTracks label genres popularity images { ${IMAGE} } artists { id name } spotifyUrl origin }`;

describe('entities', () => {
  it('answer every field a player needs, as Spotify knows it', async () => {
    const [listed] = await catalogueTracks('featured=true&offset=40&limit=1');
    const { track, album, artists } = await truth(listed.id);
    const response = await graphql(`query ($id: ID!) { track(id: $id) { ${TRACK_FIELDS} } }`, { id: track.id });
    expect(response.errors).toBeUndefined();
    const got = response.data!.track;
    expect(got).toMatchObject({
      id: track.id,
      name: track.name,
      durationMs: track.durationMs,
      explicit: track.explicit,
      isrc: track.isrc,
      trackNumber: track.trackNumber,
      discNumber: track.discNumber,
      popularity: track.popularity,
      previewUrl: null,
      spotifyUrl: `https://open.spotify.com/track/${track.id}`,
      origin: 'SPOTIFY',
    });
    expect(Date.parse(got.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(got.artists.map((a: Json) => a.id)).toEqual(track.artistIds);
    expect(got.artists.length).toBeGreaterThan(1);
    got.artists.forEach((artist: Json, index: number) => {
      const expected = artists[index];
      expect(artist).toMatchObject({ id: expected.id, name: expected.name, genres: expected.genres, popularity: expected.popularity, followers: expected.followers, origin: 'SPOTIFY' });
      expect(artist.images.map((i: Json) => i.width)).toEqual(expected.name === 'Various Artists' ? [] : [640, 320, 160]);
    });
    expect(got.album).toMatchObject({
      id: album.id,
      name: album.name,
      albumType: album.albumType.toUpperCase(),
      releaseDate: album.releaseDate,
      releaseDatePrecision: album.releaseDatePrecision.toUpperCase(),
      totalTracks: album.trackIds.length,
      label: album.label,
      genres: [],
      popularity: album.popularity,
      artists: album.artistIds.map((id: string) => expect.objectContaining({ id })),
      spotifyUrl: `https://open.spotify.com/album/${album.id}`,
    });
    expect(got.album.images.map((i: Json) => i.width)).toEqual([640, 300, 64]);

    // Every object read is kept as a snapshot in the background, marked as Spotify's.
    await eventually(async () => (await snapshot('tracks', track.id))?.complete === true, 'the track snapshot');
    expect(await snapshot('tracks', track.id)).toMatchObject({ source: 'spotify', isrc: track.isrc, albumId: album.id, fetchedAt: expect.any(Date) });
    await eventually(async () => (await snapshot('albums', album.id))?.label === album.label, 'the album snapshot');
    await eventually(async () => (await snapshot('artists', track.artistIds[0]))?.complete === true, 'the artist snapshot');
  });

  it('pages an album’s tracks from one cached page of Spotify’s album tracks', async () => {
    const candidates = await catalogueTracks('albumType=album&offset=300&limit=50');
    let album!: Json;
    for (const listed of candidates) {
      album = (await truth(listed.id)).album;
      if (album.trackIds.length >= 7) break;
    }
    const QUERY = `query ($id: ID!, $after: String) { album(id: $id) { id tracks(first: 3, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name trackNumber discNumber album { id } origin } } } } }`;
    let first!: GraphQLResponse;
    let second!: GraphQLResponse;
    const calls = await spotifyCatalogueCalls(async () => {
      first = await graphql(QUERY, { id: album.id });
      second = await graphql(QUERY, { id: album.id, after: first.data!.album.tracks.pageInfo.endCursor });
    });
    expect(calls['GET /v1/albums/{id}/tracks']).toBe(1);
    expect(first.errors).toBeUndefined();
    const ids = [...first.data!.album.tracks.edges, ...second.data!.album.tracks.edges].map((e: Json) => e.node.id);
    expect(ids).toEqual(album.trackIds.slice(0, 6));
    expect(first.data!.album.tracks).toMatchObject({ totalCount: album.trackIds.length, pageInfo: { hasNextPage: true } });
    expect(second.data!.album.tracks.edges[0].node).toMatchObject({ trackNumber: 4, album: { id: album.id }, origin: 'SPOTIFY' });
  });

  it('pages an artist’s albums 10 at a time, by group, and answers top tracks', async () => {
    let artistId = '';
    for (const listed of await catalogueTracks('offset=2000&limit=40')) {
      const id = listed.artists[0].id;
      if ((await spotify(`/artists/${id}/albums?limit=1&include_groups=album,single,compilation,appears_on`)).total > 12) {
        artistId = id;
        break;
      }
    }
    expect(artistId).not.toBe('');
    const all = async (groups: string) => {
      const items: Json[] = [];
      for (let offset = 0; ; offset += 10) {
        const page = await spotify(`/artists/${artistId}/albums?limit=10&offset=${offset}&include_groups=${groups}`);
        items.push(...page.items);
        if (!page.next) return items;
      }
    };
    const spotifyAlbums = await all('album,single,compilation,appears_on');

    const QUERY = `query ($id: ID!, $after: String, $groups: [AlbumGroup!]) { artist(id: $id) { name
      albums(first: 12, after: $after, groups: $groups) { totalCount pageInfo { hasNextPage endCursor } edges { group node { id name albumType } } }
      topTracks(market: "GB") { id name popularity } } }`;
    let response!: GraphQLResponse;
    const calls = await spotifyCatalogueCalls(async () => (response = await graphql(QUERY, { id: artistId })));
    expect(response.errors).toBeUndefined();
    expect(calls).toMatchObject({ 'GET /v1/artists/{id}/albums': 2, 'GET /v1/artists/{id}/top-tracks': 1 });
    const albums = response.data!.artist.albums;
    expect(albums.totalCount).toBe(spotifyAlbums.length);
    expect(albums.edges.map((e: Json) => [e.node.id, e.group])).toEqual(spotifyAlbums.slice(0, 12).map((a: Json) => [a.id, a.album_group.toUpperCase()]));
    const top = await spotify(`/artists/${artistId}/top-tracks?market=GB`);
    expect(response.data!.artist.topTracks.map((t: Json) => t.id)).toEqual(top.tracks.map((t: Json) => t.id));

    const next = await graphql(QUERY, { id: artistId, after: albums.pageInfo.endCursor });
    expect(next.data!.artist.albums.edges.map((e: Json) => e.node.id)).toEqual(spotifyAlbums.slice(12, 24).map((a: Json) => a.id));

    const singles = await graphql(QUERY, { id: artistId, groups: ['SINGLE'] });
    const spotifySingles = await all('single');
    expect(singles.data!.artist.albums.totalCount).toBe(spotifySingles.length);
    expect(singles.data!.artist.albums.edges.every((e: Json) => e.group === 'SINGLE' && e.node.albumType === 'SINGLE')).toBe(true);
    // A cursor of the unfiltered list is not one of the singles'.
    const mixed = await graphql(QUERY, { id: artistId, groups: ['SINGLE'], after: albums.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

/** A Retry-After longer than the client waits: one failed attempt per call, no retries, so the breaker stays closed. */
const DOWN = { status: 503, retryAfterSeconds: 120 };

describe('Spotify down', () => {
  it('answers tracks from their snapshots, with a typed error for what has none and for what the snapshot lacks', async () => {
    // Tracks found by a search are kept as complete snapshots, their albums and artists as listed.
    const found = await graphql(`query { search(query: "blue", types: [TRACK], first: 10) { tracks { nodes { id name isrc album { id name } artists { id name } } } } }`);
    const listedOnly = async (track: Json) =>
      (await snapshot('tracks', track.id))?.complete === true &&
      (await snapshot('albums', track.album.id))?.complete === false &&
      (await Promise.all(track.artists.map((a: Json) => snapshot('artists', a.id)))).every((artist) => artist?.complete === false);
    let kept: Json;
    await eventually(async () => {
      for (const track of found.data!.search.tracks.nodes) if (await listedOnly(track)) return Boolean((kept = track));
      return false;
    }, 'the snapshots');
    const [never] = await catalogueTracks('language=ja&offset=30&limit=1');
    expect(await snapshot('tracks', never.id)).toBeNull();

    // Spotify fails the tracks, then the album, then the artists.
    await inject({ ...DOWN, endpoint: 'GET /v1', times: 3 });
    const response = await graphql(
      `query ($ids: [ID!]!) { tracks(ids: $ids) { id name isrc origin updatedAt album { name label } artists { name genres } } }`,
      { ids: [kept.id, never.id] },
    );
    expect(response.data!.tracks[0]).toMatchObject({ id: kept.id, name: kept.name, isrc: kept.isrc, origin: 'SNAPSHOT', album: { name: kept.album.name, label: null } });
    // Freshness: the snapshot's own time, not now.
    expect(response.data!.tracks[0].updatedAt).toBe((await snapshot('tracks', kept.id))!.fetchedAt.toISOString());
    expect(response.data!.tracks[0].artists.map((a: Json) => a.name)).toEqual(kept.artists.map((a: Json) => a.name));
    expect(response.data!.tracks[1]).toBeNull();
    // What is missing: the unknown track, the album's label and the artists' genres (kept as listed only).
    const errors = response.errors ?? [];
    expect(errors.map((e) => e.extensions?.code)).toEqual(errors.map(() => 'PROVIDER_UNAVAILABLE'));
    expect(errors.map((e) => e.path!.join('.')).sort()).toEqual(
      ['tracks.1', 'tracks.0.album.label', ...kept.artists.map((_: Json, i: number) => `tracks.0.artists.${i}.genres`)].sort(),
    );
    expect(errors[0]!.extensions).toMatchObject({ provider: 'spotify', reason: 'SERVER_ERROR' });

    expect((await control('faults')).faults).toEqual([]); // each call met one fault: no more, no fewer

    // Spotify is back: the same tracks come from it again.
    const again = await graphql(`query ($ids: [ID!]!) { tracks(ids: $ids) { id origin } }`, { ids: [kept.id, never.id] });
    expect(again.data!.tracks).toEqual([{ id: kept.id, origin: 'SPOTIFY' }, { id: never.id, origin: 'SPOTIFY' }]);
    await breakerClosed();
  });

  it('answers an album’s tracks from snapshots when all are kept; artist albums and search get the typed error', async () => {
    const [listed] = await catalogueTracks('albumType=album&offset=600&limit=1');
    const { album } = await truth(listed.id);
    // A full album brings its tracks (as listed): all are kept.
    await graphql(`query ($id: ID!) { album(id: $id) { name } }`, { id: album.id });
    await eventually(async () => (await catalogDb.collection('tracks').countDocuments({ albumId: album.id })) === album.trackIds.length, 'the album’s track snapshots');

    const down = { ...DOWN, match: 'exact' };
    await inject({ ...down, endpoint: `GET /v1/albums/${album.id}/tracks` });
    await inject({ ...down, endpoint: `GET /v1/artists/${album.artistIds[0]}/albums` });
    await inject({ ...down, endpoint: 'GET /v1/search' });
    const response = await graphql(
      `query ($id: ID!) { album(id: $id) { name origin tracks(first: 50) { totalCount nodes { id trackNumber origin } } } }`,
      { id: album.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.album.origin).toBe('SPOTIFY'); // the album itself is in the cache
    expect(response.data!.album.tracks.totalCount).toBe(album.trackIds.length);
    expect(response.data!.album.tracks.nodes.map((t: Json) => t.id)).toEqual(album.trackIds);
    expect(new Set(response.data!.album.tracks.nodes.map((t: Json) => t.origin))).toEqual(new Set(['SNAPSHOT']));

    const artist = await graphql(`query ($id: ID!) { artist(id: $id) { id name albums(first: 5) { totalCount } } }`, { id: album.artistIds[0] });
    expect(artist.data!.artist).toMatchObject({ id: album.artistIds[0], albums: null });
    expect(artist.errors!.map((e) => [e.path!.join('.'), e.extensions?.code])).toEqual([['artist.albums', 'PROVIDER_UNAVAILABLE']]);

    const search = await graphql(`query { search(query: "catalogue outage probe") { tracks { totalCount } } }`);
    expect(search.data!.search).toEqual({ tracks: null });
    expect(errorCodes(search)).toEqual(['PROVIDER_UNAVAILABLE']);
    await breakerClosed();
  });
});

describe('bad input', () => {
  it('is BAD_USER_INPUT naming the argument, before any Spotify call or snapshot', async () => {
    // Objects no earlier test has read, so that "nothing written" means something.
    const unread: Json[] = [];
    for (const listed of await catalogueTracks('language=ko&offset=20&limit=40')) {
      if (!(await snapshot('tracks', listed.id)) && !(await snapshot('albums', listed.album.id)) && !(await snapshot('artists', listed.artists[0].id))) unread.push(listed);
    }
    const [a, b] = unread;
    const { album } = await truth(a.id);
    const otherSearch = (await graphql(SEARCH_TRACKS, { query: 'love', first: 1 })).data!.search.tracks.pageInfo.endCursor;
    const cases: [string, string, Record<string, unknown>][] = [
      ['query', SEARCH_TRACKS, { query: '    ' }],
      ['query', SEARCH_TRACKS, { query: 'x'.repeat(201) }],
      ['types', SEARCH_TRACKS, { query: 'love', types: [] }],
      ['first', SEARCH_TRACKS, { query: 'love', first: 0 }],
      ['first', SEARCH_TRACKS, { query: 'love', first: 51 }],
      ['after', SEARCH_TRACKS, { query: 'love', after: 'bm90LWEtY3Vyc29y' }],
      ['after', SEARCH_TRACKS, { query: 'blue', after: otherSearch }],
      ['id', `query ($id: ID!) { track(id: $id) { id } }`, { id: 'not-a-spotify-id' }],
      ['id', `query ($id: ID!) { album(id: $id) { id } }`, { id: `${album.id}x` }],
      ['ids.1', `query ($ids: [ID!]!) { tracks(ids: $ids) { id } }`, { ids: [b.id, 'short'] }],
      // Bad arguments inside a selection stop the whole operation before its parent is fetched.
      ['first', `query ($id: ID!) { album(id: $id) { name tracks(first: 0) { totalCount } } }`, { id: album.id }],
      ['after', `query ($id: ID!) { album(id: $id) { name tracks(after: "forged!") { totalCount } } }`, { id: album.id }],
      ['groups', `query ($id: ID!) { artist(id: $id) { name albums(groups: []) { totalCount } } }`, { id: a.artists[0].id }],
      ['market', `query ($id: ID!) { track(id: $id) { artists { topTracks(market: "USA") { id } } } }`, { id: b.id }],
      ['first', `query ($id: ID!) { search(query: "love") { tracks { nodes { id } } } artist(id: $id) { albums(first: 99) { totalCount } } }`, { id: a.artists[0].id }],
    ];
    const calls = await spotifyCatalogueCalls(async () => {
      for (const [field, query, variables] of cases) {
        const response = await graphql(query, variables);
        expect(response.errors?.length, `${field}: ${JSON.stringify(variables)}`).toBeGreaterThan(0);
        for (const error of response.errors!) expect(error.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });
    expect(calls).toEqual({});
    // Nothing about these objects was written.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await snapshot('tracks', b.id)).toBeNull();
    expect(await snapshot('albums', album.id)).toBeNull();
    expect(await snapshot('artists', a.artists[0].id)).toBeNull();
  });
});
