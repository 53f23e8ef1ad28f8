/**
 * The one Google account that consents on the simulated OAuth screen: its profile (for id tokens
 * and userinfo), its YouTube channel (channels.list?mine=true) and its playlists
 * (playlists.list?mine=true), all derived from the catalogue seed so every run sees the same user.
 */
import { createHash } from 'node:crypto';
import type { SimCatalogue, SimChannel } from '../catalogue/types.js';

export interface UserPlaylist {
  id: string; // "PL" + 32 characters
  title: string;
  description: string;
  publishedAt: string;
  privacyStatus: 'public' | 'private' | 'unlisted';
  videoIds: string[];
}

export interface GoogleUser {
  sub: string; // Google account id, 21 digits
  email: string;
  name: string;
  givenName: string;
  familyName: string;
  picture: string;
  channel: SimChannel;
  channelPublishedAt: string;
  playlists: UserPlaylist[];
}

const PLAYLIST_TITLES = ['Favourites', 'Road trip', 'Late night', 'Workout', 'Chill', 'Throwbacks'];
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function idChars(seed: string, length: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += ID_ALPHABET[(bytes[i % bytes.length]! + i * 7) % 64];
  return out;
}

/** The simulated user, with `playlistCount` playlists of songs picked from the catalogue (0 for none). */
export function simulatedGoogleUser(catalogue: SimCatalogue, playlistCount: number): GoogleUser {
  const seed = `google-user-${catalogue.seed}`;
  const channelId = `UC${idChars(`${seed}-channel`, 22)}`;
  // Songs a listener would save: topic and official uploads, spread over the catalogue.
  const playable = [...catalogue.videos.values()].filter((v) => v.kind === 'topic' || v.kind === 'official_video');
  const playlists: UserPlaylist[] = [];
  for (let p = 0; p < playlistCount; p++) {
    const size = playable.length === 0 ? 0 : 5 + ((p * 7) % 20);
    const stride = Math.max(1, Math.floor(playable.length / Math.max(size, 1)));
    const videoIds = Array.from({ length: Math.min(size, playable.length) }, (_, i) => playable[(i * stride + p * 3) % playable.length]!.id);
    const round = Math.floor(p / PLAYLIST_TITLES.length);
    playlists.push({
      id: `PL${idChars(`${seed}-playlist-${p}`, 32)}`,
      title: `${PLAYLIST_TITLES[p % PLAYLIST_TITLES.length]!}${round > 0 ? ` ${round + 1}` : ''}`,
      description: '',
      publishedAt: new Date(Date.UTC(2021, p % 12, 1 + (p % 27), 18, 30)).toISOString().replace('.000Z', 'Z'),
      privacyStatus: p % 3 === 1 ? 'private' : 'public',
      videoIds: [...new Set(videoIds)],
    });
  }
  return {
    sub: `1${String(parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 13), 16)).padStart(20, '0').slice(0, 20)}`,
    email: 'sim.listener@gmail.com',
    name: 'Sim Listener',
    givenName: 'Sim',
    familyName: 'Listener',
    picture: `https://lh3.googleusercontent.com/a/sim-${channelId}=s96-c`,
    channel: { id: channelId, title: 'Sim Listener', kind: 'fan', uploadsPlaylistId: `UU${channelId.slice(2)}`, subscriberCount: 3 },
    channelPublishedAt: '2014-03-08T12:00:00Z',
    playlists,
  };
}
