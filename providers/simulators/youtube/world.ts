/**
 * The YouTube side of the simulated catalogue, indexed once per simulator: each channel's uploads
 * (newest first, as an uploads playlist lists them), uploads playlists by id, the artist behind a
 * topic or official channel, and what channels.list derives (handle, creation date, total views).
 */
import type { SimArtist, SimCatalogue, SimChannel, SimTrack, SimVideo } from '../catalogue/types.js';

export class YouTubeWorld {
  private readonly uploads = new Map<string, SimVideo[]>();
  private readonly byUploadsPlaylist = new Map<string, SimChannel>();
  private readonly artistByChannel = new Map<string, SimArtist>();
  private readonly byHandle = new Map<string, SimChannel>();
  private readonly byUsername = new Map<string, SimChannel>();

  constructor(readonly catalogue: SimCatalogue) {
    for (const video of catalogue.videos.values()) {
      const list = this.uploads.get(video.channelId);
      if (list) list.push(video);
      else this.uploads.set(video.channelId, [video]);
    }
    for (const list of this.uploads.values()) list.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
    for (const channel of catalogue.channels.values()) {
      this.byUploadsPlaylist.set(channel.uploadsPlaylistId, channel);
      this.byHandle.set(handleOf(channel).toLowerCase(), channel);
      const username = usernameOf(channel);
      if (username) this.byUsername.set(username.toLowerCase(), channel);
    }
    for (const artist of catalogue.artists.values()) {
      if (artist.topicChannelId) this.artistByChannel.set(artist.topicChannelId, artist);
      if (artist.officialChannelId) this.artistByChannel.set(artist.officialChannelId, artist);
    }
  }

  video(id: string): SimVideo | undefined {
    return this.catalogue.videos.get(id);
  }

  channel(id: string): SimChannel | undefined {
    return this.catalogue.channels.get(id);
  }

  /** A channel's uploads, newest first. */
  uploadsOf(channelId: string): SimVideo[] {
    return this.uploads.get(channelId) ?? [];
  }

  channelOfUploadsPlaylist(playlistId: string): SimChannel | undefined {
    return this.byUploadsPlaylist.get(playlistId);
  }

  channelForHandle(handle: string): SimChannel | undefined {
    return this.byHandle.get((handle.startsWith('@') ? handle : `@${handle}`).toLowerCase());
  }

  channelForUsername(username: string): SimChannel | undefined {
    return this.byUsername.get(username.toLowerCase());
  }

  /** The artist a topic or official channel belongs to (fan, cover and label channels have none). */
  artistOfChannel(channelId: string): SimArtist | undefined {
    return this.artistByChannel.get(channelId);
  }

  trackOf(video: SimVideo): SimTrack | undefined {
    return this.catalogue.tracks.get(video.trackId);
  }

  /** The main artist of the song an upload is a version of. */
  songArtistOf(video: SimVideo): SimArtist | undefined {
    const artistId = this.trackOf(video)?.artistIds[0];
    return artistId ? this.catalogue.artists.get(artistId) : undefined;
  }

  /** A channel "opened" a little before its first upload. */
  channelPublishedAt(channel: SimChannel): string {
    const oldest = this.uploadsOf(channel.id).at(-1);
    const first = oldest ? Date.parse(oldest.publishedAt) : Date.parse('2012-01-01T00:00:00Z');
    return new Date(first - 30 * 86_400_000).toISOString().replace('.000Z', 'Z');
  }

  channelViewCount(channel: SimChannel): number {
    return this.uploadsOf(channel.id).reduce((sum, video) => sum + video.viewCount, 0);
  }
}

/** The channel's @handle: its title without spaces and punctuation ("Artist - Topic" → "@artist-topic"). */
export function handleOf(channel: SimChannel): string {
  const compact = channel.title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\s+-\s+Topic$/u, '-topic')
    .replace(/[^\p{L}\p{N}._-]+/gu, '');
  return `@${compact || channel.id.slice(2, 12)}`.toLowerCase();
}

/** Legacy usernames belong to old official and VEVO channels only. */
export function usernameOf(channel: SimChannel): string | undefined {
  return channel.kind === 'vevo' || channel.kind === 'official' ? channel.title.replace(/[^A-Za-z0-9]/g, '') || undefined : undefined;
}
