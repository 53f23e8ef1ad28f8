/**
 * Hand-written payloads for the contract tests, shaped like the real services' answers and built
 * from the specs' own examples where they have them (Spotify's `example` ids such as track
 * 11dFghVXANMlKmJXsNCbNl, Genius's song 378195 "Alright"). Functions, so every test gets a fresh
 * copy it may break.
 */

export const SPOTIFY = 'https://api.spotify.com/v1';
export const YOUTUBE = 'https://youtube.googleapis.com/youtube/v3';
export const GENIUS = 'https://api.genius.com';
export const ODESLI = 'https://api.song.link/v1-alpha.1';
export const BEARER = { Authorization: 'Bearer BQDZ3k8_example-token' };

/** Example ids from the Spotify spec. */
export const TRACK_IDS = ['7ouMYWpwJ422jRcDASZB7P', '4VqPOruhp5EdPBeR92t6lQ', '2takcwOaAZWiXQijPHIx7B'];

/** n distinct well-formed Spotify ids. */
export function spotifyIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `4iV5W9uYEdYUVa79Axb${String(i).padStart(3, '0')}`);
}

export function spotifyArtist() {
  return {
    external_urls: { spotify: 'https://open.spotify.com/artist/6sFIWsNpZYqfjUpaCgueju' },
    href: 'https://api.spotify.com/v1/artists/6sFIWsNpZYqfjUpaCgueju',
    id: '6sFIWsNpZYqfjUpaCgueju',
    name: 'Carly Rae Jepsen',
    type: 'artist',
    uri: 'spotify:artist:6sFIWsNpZYqfjUpaCgueju',
  };
}

export function spotifyFullArtist() {
  return {
    ...spotifyArtist(),
    followers: { href: null, total: 3482013 },
    genres: ['canadian pop', 'dance pop'],
    images: [{ url: 'https://i.scdn.co/image/ab6761610000e5eb8ad2b9a1b1c5ee8d1d1d1d1d', height: 640, width: 640 }],
    popularity: 72,
  };
}

export function spotifySimplifiedAlbum() {
  return {
    album_type: 'single',
    total_tracks: 1,
    available_markets: ['CA', 'BR', 'IT'],
    external_urls: { spotify: 'https://open.spotify.com/album/0tGPJ0bkWOUmH7MEOR77qc' },
    href: 'https://api.spotify.com/v1/albums/0tGPJ0bkWOUmH7MEOR77qc',
    id: '0tGPJ0bkWOUmH7MEOR77qc',
    images: [
      { url: 'https://i.scdn.co/image/ab67616d0000b2737359994525d219f64872d3b1', height: 640, width: 640 },
      { url: 'https://i.scdn.co/image/ab67616d00001e027359994525d219f64872d3b1', height: 300, width: 300 },
    ],
    name: 'Cut To The Feeling',
    release_date: '2017-05-26',
    release_date_precision: 'day',
    type: 'album',
    uri: 'spotify:album:0tGPJ0bkWOUmH7MEOR77qc',
    artists: [spotifyArtist()],
  };
}

export function spotifyTrack() {
  return {
    album: spotifySimplifiedAlbum(),
    artists: [spotifyArtist()],
    available_markets: ['CA', 'BR', 'IT'],
    disc_number: 1,
    duration_ms: 207959,
    explicit: false,
    external_ids: { isrc: 'USUM71703861' },
    external_urls: { spotify: 'https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl' },
    href: 'https://api.spotify.com/v1/tracks/11dFghVXANMlKmJXsNCbNl',
    id: '11dFghVXANMlKmJXsNCbNl',
    is_local: false,
    name: 'Cut To The Feeling',
    popularity: 63,
    preview_url: null,
    track_number: 1,
    type: 'track',
    uri: 'spotify:track:11dFghVXANMlKmJXsNCbNl',
  };
}

export function spotifyAlbum() {
  const { artists, ...base } = spotifySimplifiedAlbum();
  const { album: _album, ...track } = spotifyTrack();
  return {
    ...base,
    artists,
    tracks: {
      href: 'https://api.spotify.com/v1/albums/0tGPJ0bkWOUmH7MEOR77qc/tracks?offset=0&limit=50',
      limit: 50,
      next: null,
      offset: 0,
      previous: null,
      total: 1,
      items: [track],
    },
    copyrights: [{ text: '© 2017 School Boy/Interscope Records', type: 'C' }],
    external_ids: { upc: '00602557606200' },
    genres: [],
    label: 'School Boy/Interscope Records',
    popularity: 58,
  };
}

export function spotifyTrackSearch(items = [spotifyTrack()]) {
  return {
    tracks: {
      href: 'https://api.spotify.com/v1/search?offset=0&limit=10&query=cut%20to%20the%20feeling&type=track',
      limit: 10,
      next: null,
      offset: 0,
      previous: null,
      total: items.length,
      items,
    },
  };
}

export function spotifyError(status: number, message: string) {
  return { error: { status, message } };
}

export function youtubeVideo() {
  return {
    kind: 'youtube#video',
    etag: 'Ks-_Mh1QhMc',
    id: 'dQw4w9WgXcQ',
    snippet: {
      publishedAt: '2009-10-25T06:57:33Z',
      channelId: 'UCuAXFkgsw1L7xaCfnd5JJOw',
      title: 'Rick Astley - Never Gonna Give You Up (Official Music Video)',
      description: 'The official video for “Never Gonna Give You Up” by Rick Astley',
      thumbnails: { default: { url: 'https://i.ytimg.com/vi/dQw4w9WgXcQ/default.jpg', width: 120, height: 90 } },
      channelTitle: 'Rick Astley',
      tags: ['rick astley', 'never gonna give you up'],
      categoryId: '10',
      liveBroadcastContent: 'none',
    },
    contentDetails: { duration: 'PT3M33S', dimension: '2d', definition: 'hd', caption: 'true', licensedContent: true, projection: 'rectangular' },
    status: { uploadStatus: 'processed', privacyStatus: 'public', license: 'youtube', embeddable: true, publicStatsViewable: true },
    statistics: { viewCount: '1523456789', likeCount: '17000000', favoriteCount: '0', commentCount: '2300000' },
  };
}

export function youtubeVideoList(items = [youtubeVideo()]) {
  return { kind: 'youtube#videoListResponse', etag: 'abc', items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } };
}

export function youtubeSearchList() {
  return {
    kind: 'youtube#searchListResponse',
    etag: 'q1',
    nextPageToken: 'CAUQAA',
    regionCode: 'US',
    pageInfo: { totalResults: 1000000, resultsPerPage: 5 },
    items: [
      {
        kind: 'youtube#searchResult',
        etag: 's1',
        id: { kind: 'youtube#video', videoId: 'dQw4w9WgXcQ' },
        snippet: {
          publishedAt: '2009-10-25T06:57:33Z',
          channelId: 'UCuAXFkgsw1L7xaCfnd5JJOw',
          title: 'Rick Astley - Never Gonna Give You Up (Official Music Video)',
          description: 'The official video',
          thumbnails: { default: { url: 'https://i.ytimg.com/vi/dQw4w9WgXcQ/default.jpg', width: 120, height: 90 } },
          channelTitle: 'Rick Astley',
          liveBroadcastContent: 'none',
          publishTime: '2009-10-25T06:57:33Z',
        },
      },
    ],
  };
}

export function youtubeQuotaError() {
  return {
    error: {
      code: 403,
      message: 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
      errors: [{ message: 'The request cannot be completed because you have exceeded your quota.', domain: 'youtube.quota', reason: 'quotaExceeded' }],
    },
  };
}

export function geniusArtist() {
  return {
    api_path: '/artists/1421',
    header_image_url: 'https://images.genius.com/f3a1149475f2406582e3531d7d1e6e1e.1000x253x1.jpg',
    id: 1421,
    image_url: 'https://images.genius.com/25d8a9c93ab97e9e6d5d1d9d0b0c6b7b.1000x1000x1.jpg',
    is_meme_verified: false,
    is_verified: true,
    name: 'Kendrick Lamar',
    url: 'https://genius.com/artists/Kendrick-lamar',
  };
}

export function geniusSong() {
  return {
    annotation_count: 41,
    api_path: '/songs/378195',
    artist_names: 'Kendrick Lamar',
    full_title: 'Alright by Kendrick Lamar',
    header_image_thumbnail_url: 'https://images.genius.com/4a5f1b5b5d8c0c1c6e3f4d2b1a0c9d8e.300x300x1.jpg',
    header_image_url: 'https://images.genius.com/4a5f1b5b5d8c0c1c6e3f4d2b1a0c9d8e.1000x1000x1.jpg',
    id: 378195,
    lyrics_owner_id: 104344,
    lyrics_state: 'complete',
    path: '/Kendrick-lamar-alright-lyrics',
    pyongs_count: 612,
    release_date: '2015-03-15',
    release_date_for_display: 'March 15, 2015',
    song_art_image_thumbnail_url: 'https://images.genius.com/4a5f1b5b5d8c0c1c6e3f4d2b1a0c9d8e.300x300x1.jpg',
    song_art_image_url: 'https://images.genius.com/4a5f1b5b5d8c0c1c6e3f4d2b1a0c9d8e.1000x1000x1.jpg',
    stats: { unreviewed_annotations: 0, hot: false, pageviews: 4873041 },
    title: 'Alright',
    title_with_featured: 'Alright',
    url: 'https://genius.com/Kendrick-lamar-alright-lyrics',
    primary_artist: geniusArtist(),
    featured_artists: [],
    media: [{ provider: 'youtube', start: 0, type: 'video', url: 'http://www.youtube.com/watch?v=Z-48u_uWMHY' }],
  };
}

export function geniusSearch() {
  return { meta: { status: 200 }, response: { hits: [{ index: 'song', type: 'song', result: geniusSong() }] } };
}

export function odesliLinks() {
  const spotify = 'SPOTIFY_SONG::11dFghVXANMlKmJXsNCbNl';
  const youtube = 'YOUTUBE_VIDEO::dQw4w9WgXcQ';
  return {
    entityUniqueId: spotify,
    userCountry: 'US',
    pageUrl: 'https://song.link/s/11dFghVXANMlKmJXsNCbNl',
    entitiesByUniqueId: {
      [spotify]: {
        id: '11dFghVXANMlKmJXsNCbNl',
        type: 'song',
        title: 'Cut To The Feeling',
        artistName: 'Carly Rae Jepsen',
        thumbnailUrl: 'https://i.scdn.co/image/ab67616d0000b2737359994525d219f64872d3b1',
        thumbnailWidth: 640,
        thumbnailHeight: 640,
        apiProvider: 'spotify',
        platforms: ['spotify'],
      },
      [youtube]: { id: 'dQw4w9WgXcQ', type: 'song', title: 'Cut To The Feeling', apiProvider: 'youtube', platforms: ['youtube', 'youtubeMusic'] },
    },
    linksByPlatform: {
      spotify: { entityUniqueId: spotify, url: 'https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl', nativeAppUriDesktop: 'spotify:track:11dFghVXANMlKmJXsNCbNl' },
      youtube: { entityUniqueId: youtube, url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
      youtubeMusic: { entityUniqueId: youtube, url: 'https://music.youtube.com/watch?v=dQw4w9WgXcQ' },
    },
  };
}
