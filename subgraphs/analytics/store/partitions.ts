/**
 * Monthly partitions of the event tables (`listening_events` by `played_at`, `activity_events` by
 * `occurred_at`), named `<table>_yYYYYmMM`, bounds in UTC. The migration creates a window of months;
 * `ensureMonthPartitions` creates the month of each incoming event before it is inserted (so the
 * DEFAULT partition stays a safety net only), and the rollup job calls it for the months ahead.
 * Months already ensured are remembered per process, so the DDL runs once per month and process.
 * Hand-written because PostgreSQL has no automatic partition creation and pg_partman is an
 * extension this deployment cannot count on.
 */
import type { DataSource } from 'typeorm';
import { logger } from '../../../platform/logger.js';

export type PartitionedTable = 'listening_events' | 'activity_events';

/** The first instant (UTC) of the month holding `at`. */
export const monthStart = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));

/** Month starts from `from`'s month to `to`'s month, both included. */
export function monthsBetween(from: Date, to: Date): Date[] {
  const months: Date[] = [];
  for (let month = monthStart(from); month <= to; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) months.push(month);
  return months;
}

export function partitionName(table: PartitionedTable, month: Date): string {
  return `${table}_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function monthPartitionDdl(table: PartitionedTable, month: Date): string {
  const start = monthStart(month);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  // Identifiers and bounds are built from dates only, never from client text.
  return `CREATE TABLE IF NOT EXISTS ${partitionName(table, start)} PARTITION OF ${table}
    FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`;
}

const ensured = new Set<string>();

/** Creates the partitions of `table` for the months of `instants` that do not exist yet. */
export async function ensureMonthPartitions(db: DataSource, table: PartitionedTable, instants: Iterable<Date>): Promise<void> {
  const months = new Map<string, Date>();
  for (const at of instants) {
    const month = monthStart(at);
    const name = partitionName(table, month);
    if (!ensured.has(`${db.options.database ?? ''}|${(db.options as { url?: string }).url ?? ''}|${name}`)) months.set(name, month);
  }
  if (months.size === 0) return;
  const existing: { name: string }[] = await db.query(`SELECT relname AS name FROM pg_class WHERE relname = ANY($1::text[])`, [[...months.keys()]]);
  const present = new Set(existing.map((row) => row.name));
  for (const [name, month] of months) {
    if (!present.has(name)) {
      try {
        await db.query(monthPartitionDdl(table, month));
      } catch (error) {
        const code = (error as { code?: string }).code;
        // 42P07 / 23505: created concurrently by another process. 23514: rows of that month already sit
        // in the DEFAULT partition, so the month cannot get its own; the events still land there.
        if (code === '23514') logger('analytics').warn({ partition: name }, 'month rows are in the DEFAULT partition; not creating it');
        else if (code !== '42P07' && code !== '23505') throw error;
      }
    }
    ensured.add(`${db.options.database ?? ''}|${(db.options as { url?: string }).url ?? ''}|${name}`);
  }
}
