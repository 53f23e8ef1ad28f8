/**
 * The catalog's producer side of `lyrics-tracks` (platform/events/catalogued-tracks.ts): when the
 * snapshot writer stores tracks for the first time, one job per track is added in one bulk call,
 * so lyrics computes their language and Genius match before anyone asks. Each job carries the
 * track's name, artist names and album name, read from the snapshots just written (one query for
 * the artists and one for the albums of the whole batch; no Spotify call), so lyrics need not ask.
 * Job ids are derived from the track id, so a track announced twice (two replicas, a retried
 * write) is one job.
 *
 * Never in the way of a catalogue read: `announce` returns at once, and a failed enqueue (Redis
 * away) is logged and counted, not thrown; lyrics also enqueues a track whose language a reader
 * finds missing, so a lost announcement is made up later.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import {
  CATALOGUED_TRACKS_QUEUE,
  cataloguedTrackJobs,
  type CataloguedTrackInput,
  type CataloguedTrackJobData,
} from '../../../platform/events/catalogued-tracks.js';
import { jobKeyPrefix } from '../../../platform/jobs/job-queue.js';
import { metrics } from '../../../platform/metrics.js';
import type { CatalogCollections } from '../store/collections.js';
import type { TrackDocument } from '../store/documents.js';

const announcements = new Counter({
  name: 'catalog_new_track_announcements_total',
  help: 'Tracks first stored by the catalog and announced to lyrics (queue lyrics-tracks), by outcome: queued, failed',
  labelNames: ['outcome'] as const,
  registers: [metrics],
});

export class NewTrackAnnouncer {
  readonly queue: Queue<CataloguedTrackJobData>;
  private readonly pending = new Set<Promise<void>>();

  /** `redis` is a command connection (fails fast): this runs behind GraphQL requests. */
  constructor(
    private readonly catalog: CatalogCollections,
    redis: Redis,
    private readonly log: Logger,
    options: { prefix?: string } = {},
  ) {
    this.queue = new Queue<CataloguedTrackJobData>(CATALOGUED_TRACKS_QUEUE, { connection: redis, prefix: options.prefix ?? jobKeyPrefix() });
  }

  /** Queues a job per track, in one round trip; never throws. */
  announce(tracks: readonly TrackDocument[]): void {
    if (tracks.length === 0) return;
    const adding = this.inputs(tracks)
      .then((inputs) => this.queue.addBulk(cataloguedTrackJobs(inputs, 'service:catalog')))
      .then(() => {
        announcements.inc({ outcome: 'queued' }, tracks.length);
      })
      .catch((error: unknown) => {
        announcements.inc({ outcome: 'failed' }, tracks.length);
        this.log.warn({ err: (error as Error).message, tracks: tracks.length }, 'new tracks not announced to lyrics');
      })
      .finally(() => this.pending.delete(adding));
    this.pending.add(adding);
  }

  /** Waits for announcements in flight, then closes the queue. */
  async close(): Promise<void> {
    await Promise.all(this.pending);
    await this.queue.close();
  }

  /** The jobs' inputs, with the names the snapshots hold (a track missing an artist's name goes without facts). */
  private async inputs(tracks: readonly TrackDocument[]): Promise<CataloguedTrackInput[]> {
    const artistIds = [...new Set(tracks.flatMap((track) => track.artistIds))];
    const albumIds = [...new Set(tracks.map((track) => track.albumId))];
    const [artists, albums] = await Promise.all([
      this.catalog.artists.find({ _id: { $in: artistIds } }, { projection: { name: 1 } }).toArray(),
      this.catalog.albums.find({ _id: { $in: albumIds } }, { projection: { name: 1 } }).toArray(),
    ]);
    const artistName = new Map(artists.map((artist) => [artist._id, artist.name]));
    const albumName = new Map(albums.map((album) => [album._id, album.name]));
    return tracks.map((track) => {
      const names = track.artistIds.map((id) => artistName.get(id));
      if (names.length === 0 || names.some((name) => !name)) return { trackId: track._id };
      return { trackId: track._id, facts: { name: track.name, artists: names as string[], albumName: albumName.get(track.albumId) ?? null } };
    });
  }
}
