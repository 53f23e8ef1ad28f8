/**
 * What a /links request names: `url=` (a Spotify track URL, a `spotify:track:` URI, or a YouTube /
 * YouTube Music watch URL) or `platform=` + `type=song` + `id=`. Odesli resolves any of them to the
 * same song; here that is a catalogue track.
 */
export type EntityInput =
  | { platform: 'spotify'; id: string }
  | { platform: 'youtube'; id: string }
  | { platform: 'unsupported' }
  | { platform: 'invalid' };

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

function spotify(id: string | undefined): EntityInput {
  return id && SPOTIFY_ID.test(id) ? { platform: 'spotify', id } : { platform: 'invalid' };
}

function youtube(id: string | null | undefined): EntityInput {
  return id && YOUTUBE_ID.test(id) ? { platform: 'youtube', id } : { platform: 'invalid' };
}

export function parseEntityUrl(raw: string): EntityInput {
  const uri = /^spotify:track:(.*)$/.exec(raw);
  if (uri) return spotify(uri[1]);
  if (!URL.canParse(raw)) return { platform: 'invalid' };
  const url = new URL(raw);
  const host = url.hostname.replace(/^www\./, '');
  if (host === 'open.spotify.com' || host === 'play.spotify.com') {
    // "/track/<id>", also with a locale prefix: "/intl-de/track/<id>".
    const track = /^(?:\/intl-[a-z-]+)?\/track\/([^/?#]+)/i.exec(url.pathname);
    return track ? spotify(track[1]) : { platform: 'unsupported' };
  }
  if (host === 'youtube.com' || host === 'm.youtube.com' || host === 'music.youtube.com') {
    return url.pathname === '/watch' ? youtube(url.searchParams.get('v')) : { platform: 'unsupported' };
  }
  if (host === 'youtu.be') return youtube(url.pathname.slice(1));
  return { platform: 'unsupported' };
}

export function parseEntityParams(platform: string, type: string | undefined, id: string): EntityInput {
  if (type !== undefined && type !== 'song') return { platform: 'unsupported' };
  if (platform === 'spotify') return spotify(id);
  if (platform === 'youtube' || platform === 'youtubeMusic') return youtube(id);
  return { platform: 'unsupported' };
}
