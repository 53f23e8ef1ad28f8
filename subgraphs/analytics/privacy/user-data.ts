/**
 * Analytics' part of a user's data export and account deletion (platform/privacy/contract.ts),
 * generic over ANALYTICS_USER_TABLES (./user-tables.ts): a table that holds user ids is listed there
 * once and is exported and erased from then on, with no code here.
 *
 * Export: every row of every listed table whose user column is the user's, as stored.
 * Erase, in one transaction, idempotent: `delete` tables lose the user's rows; `anonymise` tables
 * keep them with the user id replaced by the deletion's random `anonymousId` (one per deleted
 * account, so co-occurrence and per-day totals stay right) and the identifying columns nulled.
 * A listed table that does not exist fails the call loudly rather than leaving data behind.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { ErasureReport, PrivacySection } from '../../../platform/privacy/contract.js';
import { ANALYTICS_USER_TABLES, type UserKeyedTable } from './user-tables.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Names come from our own list, never from a request; checked anyway, and quoted. */
function quoted(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

const plain = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));

export async function exportAnalyticsUserData(db: DataSource, userId: string, tables: readonly UserKeyedTable[] = ANALYTICS_USER_TABLES): Promise<PrivacySection> {
  const section: PrivacySection = {};
  for (const { table, userColumn } of tables) {
    const rows = (await db.query(`SELECT * FROM ${quoted(table)} WHERE ${quoted(userColumn)} = $1`, [userId])) as Record<string, unknown>[];
    section[table] = rows.map(plain);
  }
  return section;
}

async function eraseTable(m: EntityManager, entry: UserKeyedTable, userId: string, anonymousId: string): Promise<number> {
  const table = quoted(entry.table);
  const column = quoted(entry.userColumn);
  // TypeORM answers UPDATE and DELETE with [rows, affected].
  if (entry.onErase.kind === 'delete') {
    const [, affected] = (await m.query(`DELETE FROM ${table} WHERE ${column} = $1`, [userId])) as [unknown, number];
    return affected;
  }
  const nulled = entry.onErase.nullColumns.map((name) => `, ${quoted(name)} = NULL`).join('');
  const [, affected] = (await m.query(`UPDATE ${table} SET ${column} = $2${nulled} WHERE ${column} = $1`, [userId, anonymousId])) as [unknown, number];
  return affected;
}

export async function eraseAnalyticsUserData(
  db: DataSource,
  userId: string,
  anonymousId: string,
  tables: readonly UserKeyedTable[] = ANALYTICS_USER_TABLES,
): Promise<ErasureReport> {
  return db.transaction(async (m) => {
    const report: ErasureReport = {};
    for (const entry of tables) {
      report[`${entry.table}${entry.onErase.kind === 'delete' ? 'Deleted' : 'Anonymised'}`] = await eraseTable(m, entry, userId, anonymousId);
    }
    return report;
  });
}
