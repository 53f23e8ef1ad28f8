/**
 * The analytics tables as TypeORM entity schemas (no decorators: esbuild does not emit their
 * metadata), and the shapes resolvers work with. User, track and device ids belong to other
 * subgraphs and are stored as text, with no foreign keys across stores.
 */
import { EntitySchema } from 'typeorm';
import type { ListeningOutcome, ListeningSource } from '../../../platform/events/listening.js';

export interface ListeningEventRecord {
  /** Chosen by the client, once per play: the idempotency key. */
  eventId: string;
  userId: string;
  trackId: string;
  playedMs: number;
  playedAt: Date;
  deviceId: string | null;
  /** From a device's listening report (streaming's `reportListening`); null for `recordListening`'s listens. */
  outcome: ListeningOutcome | null;
  source: ListeningSource | null;
  sourceId: string | null;
  trackDurationMs: number | null;
  /** playedMs / trackDurationMs, 0 to 1. */
  completionRate: number | null;
  recordedAt: Date;
}

/** A search, skip or like (`activity_events`). */
export interface ActivityEventRecord {
  eventId: string;
  userId: string;
  kind: 'SEARCH' | 'SKIP' | 'LIKE';
  at: Date;
  trackId: string | null;
  positionMs: number | null;
  query: string | null;
  deviceId: string | null;
  recordedAt: Date;
}

export interface ListeningStatsRecord {
  totalListens: number;
  totalListeningMs: number;
  distinctTracks: number;
  lastListenedAt: Date | null;
}

/** A `User` or `Track` as this subgraph knows it: only the key; other subgraphs own the rest. */
export interface UserReference {
  __typename?: 'User';
  id: string;
}
export interface TrackReference {
  __typename?: 'Track';
  id: string;
}

export const ListeningEventEntity = new EntitySchema<ListeningEventRecord>({
  name: 'ListeningEvent',
  tableName: 'listening_events',
  columns: {
    // The table's key is (event_id, played_at): it is partitioned by month of played_at.
    eventId: { type: 'uuid', name: 'event_id', primary: true },
    playedAt: { type: 'timestamptz', name: 'played_at', primary: true },
    userId: { type: 'text', name: 'user_id' },
    trackId: { type: 'text', name: 'track_id' },
    playedMs: { type: 'int', name: 'played_ms' },
    deviceId: { type: 'text', name: 'device_id', nullable: true },
    outcome: { type: 'text', name: 'outcome', nullable: true },
    source: { type: 'text', name: 'source', nullable: true },
    sourceId: { type: 'text', name: 'source_id', nullable: true },
    trackDurationMs: { type: 'int', name: 'track_duration_ms', nullable: true },
    completionRate: { type: 'real', name: 'completion_rate', nullable: true },
    recordedAt: { type: 'timestamptz', name: 'recorded_at', createDate: true },
  },
});

export const analyticsEntities = [ListeningEventEntity];
