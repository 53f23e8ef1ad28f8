/**
 * The worker of `library-import`: one run reads the whole Spotify source through the user's linked
 * account (progress 0-70 % as pages arrive), writes the playlist in one transaction (created on the
 * first run, otherwise made to match the source: kept items keep their ids, nothing is duplicated),
 * then asks the catalog to map every track to YouTube (70-100 %). Every step is idempotent, so a run
 * that fails half-way (Spotify 500s after the retries) is simply run again by BullMQ.
 */
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ServiceClient } from '../../../platform/graphql/service-client.js';
import { startJobWorker, type JobProcessor, type JobWorker } from '../../../platform/jobs/job-worker.js';
import { AppError, ErrorCode } from '../../../platform/errors.js';
import {
  SpotifyAccessRefused,
  SpotifyPlaylistNotFound,
  type LibraryPageProgress,
  type SpotifyLibraryEntry,
  type SpotifyUserLibrary,
} from '../../../providers/spotify/user-library-client.js';
import type { PlaylistEvents } from '../playlists/playlist-events.js';
import { MAX_PLAYLIST_ITEMS } from '../store/playlist-edits.js';
import { importPlaylist, spotifyPlaylistIdOf } from '../store/spotify-imports.js';
import { spotifyAccessToken } from './linked-account.js';
import { requestMappings } from './mapping-requests.js';
import { SPOTIFY_IMPORT_QUEUE, type SpotifyImportInput, type SpotifyImportResultRecord } from './queue.js';

export interface SpotifyImportDeps {
  db: DataSource;
  graph: ServiceClient;
  spotify: SpotifyUserLibrary;
  playlistChanged: PlaylistEvents;
}

const READ_SHARE = 70;

/**
 * What no retry can change fails the job at once, with a message for the user: a playlist that is
 * gone or not theirs, a link without the permission, a link removed since the request.
 */
function unrecoverable(error: unknown): unknown {
  if (error instanceof SpotifyPlaylistNotFound) return new UnrecoverableError('The Spotify playlist does not exist (any more)');
  if (error instanceof SpotifyAccessRefused && error.reason === 'NOT_ALLOWED') return new UnrecoverableError('The linked Spotify account may not read this playlist');
  if (error instanceof SpotifyAccessRefused && error.reason === 'INSUFFICIENT_SCOPE') {
    return new UnrecoverableError('The linked Spotify account must be linked again: it does not allow reading the library');
  }
  if (error instanceof AppError && error.extensions.code === ErrorCode.FORBIDDEN) return new UnrecoverableError(error.message);
  return error;
}

interface SpotifySourceContents {
  details: { name: string; description: string | null };
  entries: SpotifyLibraryEntry[];
  /** Spotify's version of a playlist (saved tracks have none). */
  snapshotId: string | null;
}

async function readSource(deps: SpotifyImportDeps, ownerId: string, spotifyPlaylistId: string | null, onPage: (p: LibraryPageProgress) => Promise<void>): Promise<SpotifySourceContents> {
  const token = await spotifyAccessToken(deps.graph, ownerId);
  if (!spotifyPlaylistId) {
    return { details: { name: 'Saved tracks from Spotify', description: null }, entries: await deps.spotify.savedTracks(token, onPage), snapshotId: null };
  }
  const summary = await deps.spotify.playlist(token, spotifyPlaylistId);
  return {
    details: { name: summary.name.trim().slice(0, 100) || 'Spotify playlist', description: summary.description?.trim().slice(0, 300) || null },
    entries: await deps.spotify.playlistItems(token, spotifyPlaylistId, onPage),
    snapshotId: summary.snapshotId,
  };
}

export function importFromSpotify(deps: SpotifyImportDeps): JobProcessor<SpotifyImportInput, SpotifyImportResultRecord> {
  return async (job) => {
    const onPage = ({ fetched, total }: LibraryPageProgress) => job.progress(total > 0 ? (fetched / total) * READ_SHARE : READ_SHARE);
    const spotifyPlaylistId = spotifyPlaylistIdOf(job.input.source);
    const { details, entries, snapshotId } = await readSource(deps, job.ownerId, spotifyPlaylistId, onPage).catch((error: unknown) => {
      throw unrecoverable(error);
    });
    if (entries.length > MAX_PLAYLIST_ITEMS) job.log.warn({ items: entries.length }, `Spotify source longer than ${MAX_PLAYLIST_ITEMS} items: the rest is left out`);
    const desired = entries.slice(0, MAX_PLAYLIST_ITEMS).map((entry) => ({
      trackId: entry.trackId,
      durationMs: entry.durationMs,
      addedAt: entry.addedAt,
      addedBy: job.ownerId,
    }));
    const outcome = await importPlaylist(deps.db, {
      userId: job.ownerId,
      source: job.input.source,
      spotifyPlaylistId,
      details: { ...details, isPublic: false },
      desired,
      snapshotId,
    });
    if (outcome.changed) await deps.playlistChanged(outcome.playlist.id, outcome.playlist.version);
    await job.progress(READ_SHARE + 5);
    const mappingJobIds = await requestMappings(deps.graph, job.ownerId, desired.map((item) => item.trackId), (share) =>
      job.progress(READ_SHARE + 5 + share * (100 - READ_SHARE - 5)),
    );
    job.log.info({ playlistId: outcome.playlist.id, added: outcome.added, removed: outcome.removed, kept: outcome.kept }, 'Spotify import done');
    return {
      playlistId: outcome.playlist.id,
      created: outcome.created,
      total: desired.length,
      added: outcome.added,
      removed: outcome.removed,
      kept: outcome.kept,
      mappingJobIds,
    };
  };
}

export function startSpotifyImportWorker(deps: SpotifyImportDeps & { concurrency: number; log: Logger }): JobWorker {
  return startJobWorker(SPOTIFY_IMPORT_QUEUE, importFromSpotify(deps), {
    concurrency: deps.concurrency,
    log: deps.log.child({ queue: SPOTIFY_IMPORT_QUEUE }),
  });
}
