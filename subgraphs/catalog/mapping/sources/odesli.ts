/**
 * Odesli (song.link): the YouTube video it pairs with a Spotify track. Free of YouTube quota and
 * cached for a month by the provider layer, but paced (10 lookups a minute without a key), so a
 * background run waits its turn and an interactive one goes without when over the pace.
 */
import type { Logger } from 'pino';
import type { ProviderLoaders } from '../../../../providers/index.js';
import { optionalHint } from './hint-errors.js';

export function odesliHint(loaders: ProviderLoaders, trackId: string, log?: Logger): Promise<string | null> {
  return optionalHint('odesli', log, async () => (await loaders.odesliLinks.load(trackId))?.youtubeVideoId ?? null);
}
