/**
 * What every command handler receives, plus argument parsing helpers that
 * reproduce mongod's IDL errors ("BSON field 'find.filter' is the wrong
 * type...") so bad input is answered instead of crashing a handler.
 *
 * Handlers are synchronous: storage is in memory, so each command runs to
 * completion without interleaving — every command is atomic by construction.
 */
import type { Logger } from 'pino';
import type { CursorRegistry } from '../cursors.js';
import { CommandError, ErrorCode } from '../errors.js';
import { assertValidCollectionName, type MemoryStorage } from '../storage.js';
import { bsonTypeName, isNumeric, isPlainObject, type Doc } from '../values.js';

export interface ServerInfo {
  readonly host: string;
  readonly port: number;
  readonly startedAt: Date;
  readonly currentConnections: () => number;
  readonly totalConnections: () => number;
}

export interface CommandContext {
  readonly storage: MemoryStorage;
  readonly cursors: CursorRegistry;
  /** The request's `$db`. */
  readonly db: string;
  readonly connectionId: number;
  readonly remoteAddress: string;
  readonly server: ServerInfo;
  readonly logger: Logger;
}

export type CommandHandler = (cmd: Doc, ctx: CommandContext) => Doc;

function wrongType(command: string, field: string, value: unknown, expected: string): CommandError {
  return new CommandError(
    ErrorCode.TypeMismatch,
    `BSON field '${command}.${field}' is the wrong type '${bsonTypeName(value)}', expected type '${expected}'`,
  );
}

export function missingField(command: string, field: string): CommandError {
  return new CommandError(ErrorCode.Location40414, `BSON field '${command}.${field}' is missing but a required field`);
}

/** The collection a command targets: the value of its first field. */
export function collectionArg(cmd: Doc, command: string, ctx: CommandContext): string {
  const name = cmd[command];
  assertValidCollectionName(ctx.db, name);
  return name;
}

export function docArg(cmd: Doc, command: string, field: string): Doc | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw wrongType(command, field, v, 'object');
  return v;
}

export function arrayArg(cmd: Doc, command: string, field: string, required = false): unknown[] | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) {
    if (required) throw missingField(command, field);
    return undefined;
  }
  if (!Array.isArray(v)) throw wrongType(command, field, v, 'array');
  return v;
}

export function intArg(cmd: Doc, command: string, field: string, min = 0): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isNumeric(v)) throw wrongType(command, field, v, 'long');
  const n = Math.trunc(Number(String(v)));
  if (n < min) throw new CommandError(ErrorCode.BadValue, `BSON field '${field}' value must be >= ${min}, actual value '${n}'`);
  return n;
}

export function boolArg(cmd: Doc, command: string, field: string): boolean | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (isNumeric(v)) return Number(String(v)) !== 0;
  throw wrongType(command, field, v, 'bool');
}

/** `cursor: {batchSize}` option of aggregate/listCollections/listIndexes. */
export function cursorBatchSize(cmd: Doc, command: string): number | undefined {
  const cursor = docArg(cmd, command, 'cursor');
  return cursor ? intArg(cursor, `${command}.cursor`, 'batchSize') : undefined;
}
