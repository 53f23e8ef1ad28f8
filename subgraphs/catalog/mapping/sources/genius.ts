/**
 * Genius media links: search "<artist> <title>", take the hit by the same primary artist whose
 * title is the track's, and read the YouTube link of that song page (often the official video,
 * sometimes the Art Track). Two calls per track and no YouTube quota; the engine asks only when
 * Odesli gave nothing confident and the artist's Topic channel is not known yet, so that the hint's
 * other use, revealing the artist's channel, is what pays for the calls.
 */
import type { Logger } from 'pino';
import type { ProviderLoaders } from '../../../../providers/index.js';
import type { GeniusSearchHit } from '../../../../providers/genius/schemas.js';
import type { SpotifyTrackFacts } from '../scoring/index.js';
import { coreTitle, fold } from '../text.js';
import { videoIdOfUrl } from '../verify.js';
import { optionalHint } from './hint-errors.js';

export function geniusHint(loaders: ProviderLoaders, track: SpotifyTrackFacts, log?: Logger): Promise<string | null> {
  return optionalHint('genius', log, async () => {
    const title = coreTitle(track.name);
    const hits = await loaders.geniusSearch.load(`${track.artists[0] ?? ''} ${title}`.trim());
    const hit = hits?.find((candidate) => sameSong(candidate, track.artists, title));
    if (!hit) return null;
    const song = await loaders.geniusSong.load(hit.id);
    const media = song?.media?.find((m) => m.provider === 'youtube');
    return media ? videoIdOfUrl(media.url) : null;
  });
}

/** Genius writes features as "(Ft. X)" and some romanizations in parentheses: compare the titles without them. */
function sameSong(hit: GeniusSearchHit, artists: readonly string[], title: string): boolean {
  const artist = fold(hit.primary_artist.name);
  if (!artists.some((name) => fold(name) === artist)) return false;
  const hitTitle = fold(hit.title.replace(/\s*\((?:ft|feat)\.?\s[^)]*\)/giu, ''));
  const want = fold(title);
  return hitTitle === want || hitTitle.startsWith(`${want} `);
}
