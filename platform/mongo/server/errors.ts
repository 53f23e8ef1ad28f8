/**
 * Server error codes and the error type command handlers throw.
 *
 * Codes and code names match the real server's (src/mongo/base/error_codes.yml)
 * because driver behaviour keys off them: e.g. `code === 11000` for duplicate
 * keys, 43 for dead cursors, 26 for missing namespaces that `drop()` ignores.
 */
import type { Document } from 'bson';

export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  Location40414: 40414,
  DuplicateKey: 11000,
} as const;

const codeNames = new Map<number, string>(
  Object.entries(ErrorCode).map(([name, code]) => [code, name]),
);

export function codeName(code: number): string {
  return codeNames.get(code) ?? `Location${code}`;
}

/**
 * An error that becomes an `{ok: 0, errmsg, code, codeName}` reply (or a
 * `writeErrors` entry). `extra` carries fields such as keyPattern/keyValue.
 */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export const commandError = (code: number, message: string, extra?: Document): CommandError =>
  new CommandError(code, message, extra);

/**
 * Normalises anything thrown while running a command. mingo reports bad
 * queries/pipelines as plain errors, which the real server reports as BadValue;
 * anything else unexpected is an InternalError, never a crash.
 */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.constructor.name === 'MingoError') {
    if (/immutable field '_id'/.test(message)) return new CommandError(ErrorCode.ImmutableField, message);
    return new CommandError(ErrorCode.BadValue, message);
  }
  return new CommandError(ErrorCode.InternalError, message);
}

/** Top-level error reply document. */
export function errorReply(err: unknown): Document {
  const e = toCommandError(err);
  return { ok: 0, errmsg: e.message, code: e.code, codeName: codeName(e.code), ...e.extra };
}

/** Entry for a `writeErrors` array (insert/update/delete). */
export function writeError(index: number, err: unknown): Document {
  const e = toCommandError(err);
  return { index, code: e.code, errmsg: e.message, ...e.extra };
}
