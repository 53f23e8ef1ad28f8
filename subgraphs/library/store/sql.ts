/**
 * Raw SQL for the store: TypeORM's query builder cannot express the set-based statements the edits
 * need (unnest, window functions, data-modifying CTEs), so they are written by hand and their rows
 * turned into records with the entity metadata, exactly as TypeORM would hydrate them.
 */
import { EntityManager, type DataSource, type EntitySchema, type ObjectLiteral } from 'typeorm';
import { badInput } from '../../../platform/errors.js';
export { isUuid } from '../../../platform/graphql/inputs.js';

/** A connection outside a transaction, or a transaction's manager. */
export type Queryable = DataSource | EntityManager;

const managerOf = (q: Queryable): EntityManager => (q instanceof EntityManager ? q : q.manager);

/**
 * Runs one statement and returns its rows and affected-row count. (TypeORM's plain `query` answers
 * UPDATE and DELETE with `[rows, count]` and everything else with `rows`; this asks for both.)
 */
export async function run<Row = Record<string, unknown>>(
  q: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<{ rows: Row[]; rowCount: number }> {
  const manager = managerOf(q);
  const runner = manager.queryRunner ?? manager.dataSource.createQueryRunner();
  try {
    const result = await runner.query(text, params, true);
    return { rows: (result.records ?? []) as Row[], rowCount: result.affected ?? 0 };
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/** A raw row (snake_case columns, e.g. from `RETURNING *`) as the entity's record. */
export function hydrate<T extends ObjectLiteral>(q: Queryable, entity: EntitySchema<T>, row: Record<string, unknown>): T {
  const dataSource = managerOf(q).dataSource;
  const metadata = dataSource.getMetadata(entity);
  const record: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    record[column.propertyName] = dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
  }
  return record as T;
}

export const hydrateAll = <T extends ObjectLiteral>(q: Queryable, entity: EntitySchema<T>, rows: Record<string, unknown>[]) =>
  rows.map((row) => hydrate(q, entity, row));

/** PostgreSQL's SQLSTATE of a failed query (TypeORM copies the driver error's fields onto its own). */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

export const FOREIGN_KEY_VIOLATION = '23503';


/** Largest `first` a page function accepts. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Every `…Page` function fetches `first + 1` rows and returns them all: one row more than `first`
 * means there is a next page. `splitPage` turns that into the page and the flag.
 */
export function fetchLimit(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first: must be an integer from 0 to ${MAX_PAGE_SIZE}`, 'first');
  }
  return first + 1;
}

export function splitPage<T>(rows: T[], first: number): { nodes: T[]; hasNextPage: boolean } {
  return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
}
