/**
 * The simulators process (`npm start` runs it when provider credentials are missing): generates
 * the world from SIMULATOR_SEED / SIMULATOR_TRACKS / SIMULATOR_ARTISTS, serves the four simulators
 * on SIMULATOR_*_PORT, logs one "simulators ready" line, and stops cleanly on SIGINT / SIGTERM.
 */
import { config } from '../../platform/config.js';
import { logger } from '../../platform/logger.js';
import { startSimulators } from './index.js';

const log = logger('simulators');
const c = config();

try {
  const simulators = await startSimulators({
    ports: { spotify: c.SIMULATOR_SPOTIFY_PORT, youtube: c.SIMULATOR_YOUTUBE_PORT, genius: c.SIMULATOR_GENIUS_PORT, odesli: c.SIMULATOR_ODESLI_PORT },
    seed: c.SIMULATOR_SEED,
    tracks: c.SIMULATOR_TRACKS,
    artists: c.SIMULATOR_ARTISTS,
    host: c.HOST,
  });
  const { catalogue } = simulators;
  log.info({
    urls: simulators.urls,
    seed: catalogue.seed,
    world: { tracks: catalogue.tracks.size, artists: catalogue.artists.size, albums: catalogue.albums.size, videos: catalogue.videos.size, geniusSongs: catalogue.geniusSongs.size },
    generationMs: simulators.generationMs,
    // performance.now() counts from process start, so this includes loading the modules.
    startupMs: Math.round(performance.now()),
  }, 'simulators ready');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'simulators stopping');
    simulators.stop().then(() => process.exit(0), (error: unknown) => {
      log.error({ err: error }, 'simulators did not stop cleanly');
      process.exit(1);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  log.fatal({ err: error }, 'simulators failed to start');
  process.exit(1);
}
