/**
 * Keeps Spotify's catalogue objects in MongoDB as the catalog reads them, so the graph can answer
 * from these snapshots when Spotify cannot. Writes happen behind the requests: `keep` only queues,
 * and a flush a few milliseconds later upserts everything queued by every request in one unordered
 * bulk write per collection. A request never waits for it; a failed write is logged and counted
 * (`catalog_snapshot_writes_total`), and the object is written again the next time it is read.
 *
 * Precedence is kept by the filters, not by a read before the write: a Spotify upsert only matches a
 * document whose `source` is `spotify`, so against a curated one (or, for a simplified object,
 * a complete snapshot) it becomes an insert that the unique `_id` refuses (E11000), which is the
 * intended outcome. Objects read again and again are not rewritten: one written with the same
 * content less than `refreshMs` ago is skipped (a per-process memory; each replica writes at most
 * once per object and period).
 *
 * Tracks stored for the first time (upserts that inserted) are reported to `onNewTracks` once the
 * whole flush is written (so the artists and albums queued with them are stored too), so that
 * lyrics can compute their language and Genius match in the background
 * (platform/events/catalogued-tracks.ts). The callback must not throw or wait: it only enqueues.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { metrics } from '../../../platform/metrics.js';
import type { CatalogCollections } from '../store/collections.js';
import type { AlbumDocument, ArtistDocument, TrackDocument } from '../store/documents.js';

export type SnapshotKind = 'track' | 'album' | 'artist';
export interface SnapshotOf {
  track: TrackDocument;
  album: AlbumDocument;
  artist: ArtistDocument;
}
type AnySnapshot = TrackDocument | AlbumDocument | ArtistDocument;

const DUPLICATE_KEY = 11000;

const snapshotWrites = new Counter({
  name: 'catalog_snapshot_writes_total',
  help: 'Spotify snapshots by collection and outcome: written, kept (a curated or more complete document stays), failed, dropped (queue full)',
  labelNames: ['collection', 'outcome'] as const,
  registers: [metrics],
});

export interface SnapshotWriterOptions {
  /** How long a queued object waits for others to join its bulk write. */
  delayMs: number;
  /** Operations per bulk write. */
  maxBatch: number;
  /** Queued objects at most; beyond, new ones are dropped (and counted) until the store catches up. */
  maxQueued: number;
  /** An object written with the same content this recently is not written again. */
  refreshMs: number;
  /** Told the tracks this writer inserted (first stored), after each flush. */
  onNewTracks?: (tracks: TrackDocument[]) => void;
}

const DEFAULTS: SnapshotWriterOptions = { delayMs: 20, maxBatch: 500, maxQueued: 20_000, refreshMs: 3_600_000 };

interface Queued {
  kind: SnapshotKind;
  doc: AnySnapshot;
  fingerprint: string;
}

export class SnapshotWriter {
  private readonly queued = new Map<string, Queued>();
  private readonly written: LRUCache<string, { fingerprint: string; complete: boolean; at: number }>;
  private readonly options: SnapshotWriterOptions;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private droppedSinceWarning = 0;

  constructor(
    private readonly store: CatalogCollections,
    private readonly log: Logger,
    options: Partial<SnapshotWriterOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.written = new LRUCache({ max: 50_000 });
  }

  /** Queues Spotify objects for writing; anything not from Spotify is ignored. Never throws. */
  keep<K extends SnapshotKind>(kind: K, docs: readonly SnapshotOf[K][]): void {
    for (const doc of docs) {
      if (doc.source !== 'spotify') continue;
      const key = `${kind}:${doc._id}`;
      const fingerprint = fingerprintOf(doc);
      const complete = doc.complete === true;
      const last = this.written.get(key);
      if (last && this.now() - last.at < this.options.refreshMs && (last.fingerprint === fingerprint || (last.complete && !complete))) continue;
      const waiting = this.queued.get(key);
      if (waiting?.doc.complete && !complete) continue; // the complete version queued first says more
      if (!waiting && this.queued.size >= this.options.maxQueued) {
        this.dropped(kind);
        continue;
      }
      this.queued.set(key, { kind, doc, fingerprint });
    }
    this.schedule();
  }

  /** Writes everything queued so far (shutdown, tests). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    while (this.queued.size) {
      const batch = [...this.queued.values()].slice(0, this.options.maxBatch);
      for (const entry of batch) this.queued.delete(`${entry.kind}:${entry.doc._id}`);
      this.flushing = this.write(batch);
      try {
        await this.flushing;
      } finally {
        this.flushing = undefined;
      }
    }
  }

  private schedule(): void {
    if (this.timer || !this.queued.size) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => this.log.error({ err: error }, 'catalogue snapshots not written'));
    }, this.options.delayMs);
    this.timer.unref();
  }

  private async write(batch: Queued[]): Promise<void> {
    const collections: Record<SnapshotKind, Collection<AnySnapshot>> = {
      track: this.store.tracks as unknown as Collection<AnySnapshot>,
      album: this.store.albums as unknown as Collection<AnySnapshot>,
      artist: this.store.artists as unknown as Collection<AnySnapshot>,
    };
    const kinds = Object.keys(collections) as SnapshotKind[];
    const inserted = await Promise.all(
      kinds.map((kind) => {
        const entries = batch.filter((entry) => entry.kind === kind);
        return entries.length ? this.writeTo(kind, collections[kind], entries) : [];
      }),
    );
    const newTracks = new Set(inserted[kinds.indexOf('track')]);
    if (newTracks.size > 0 && this.options.onNewTracks) {
      try {
        this.options.onNewTracks(batch.filter((entry) => entry.kind === 'track' && newTracks.has(entry.doc._id)).map((entry) => entry.doc as TrackDocument));
      } catch (error) {
        this.log.warn({ err: error }, 'new tracks not announced');
      }
    }
  }

  /** Writes one collection's entries; answers the ids the writes inserted. */
  private async writeTo(kind: SnapshotKind, collection: Collection<AnySnapshot>, entries: Queued[]): Promise<string[]> {
    const operations = entries.map(({ doc }): AnyBulkWriteOperation<AnySnapshot> => {
      const { _id, ...fields } = doc;
      // A simplified object only replaces a simplified snapshot; a complete one any Spotify snapshot.
      const filter = doc.complete ? { _id, source: 'spotify' } : { _id, source: 'spotify', complete: false };
      return { updateOne: { filter: filter as never, update: { $set: fields as never }, upsert: true } };
    });
    const refused = new Map<number, number>(); // operation index → error code
    let inserted: string[] = [];
    try {
      const result = await collection.bulkWrite(operations, { ordered: false });
      inserted = Object.values(result.upsertedIds).map(String);
    } catch (error) {
      if (error instanceof MongoBulkWriteError) inserted = Object.values(error.result?.upsertedIds ?? {}).map(String);
      if (!(error instanceof MongoBulkWriteError)) {
        snapshotWrites.inc({ collection: collection.collectionName, outcome: 'failed' }, entries.length);
        this.log.error({ err: error, collection: collection.collectionName, documents: entries.length }, 'catalogue snapshots not written');
        return [];
      }
      for (const writeError of [error.writeErrors].flat()) refused.set(writeError.index, writeError.code);
    }
    const at = this.now();
    let failed = 0;
    entries.forEach((entry, index) => {
      const code = refused.get(index);
      if (code !== undefined && code !== DUPLICATE_KEY) {
        failed += 1;
        return;
      }
      snapshotWrites.inc({ collection: collection.collectionName, outcome: code === DUPLICATE_KEY ? 'kept' : 'written' });
      this.written.set(`${kind}:${entry.doc._id}`, { fingerprint: entry.fingerprint, complete: entry.doc.complete === true, at });
    });
    if (failed) {
      snapshotWrites.inc({ collection: collection.collectionName, outcome: 'failed' }, failed);
      this.log.error({ collection: collection.collectionName, failed, codes: [...new Set(refused.values())] }, 'some catalogue snapshots not written');
    }
    return inserted;
  }

  private dropped(kind: SnapshotKind): void {
    snapshotWrites.inc({ collection: `${kind}s`, outcome: 'dropped' });
    if (this.droppedSinceWarning++ % 1000 === 0) this.log.warn({ queued: this.queued.size }, 'catalogue snapshot queue full: snapshots dropped');
  }
}

/** The content of a snapshot, without the times that change on every read. */
function fingerprintOf(doc: AnySnapshot): string {
  const { fetchedAt: _fetchedAt, updatedAt: _updatedAt, ...content } = doc;
  return createHash('sha1').update(JSON.stringify(content)).digest('base64url');
}
