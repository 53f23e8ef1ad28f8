/**
 * getMore and killCursors: the driver's side of the cursor registry.
 * Cursor namespaces are `db.collection`, or `db.$cmd.listCollections` etc.
 * for cursors not tied to a collection.
 */
import { CommandError, ErrorCode } from '../errors.js';
import { arrayArg, intArg, type CommandHandler } from './context.js';

const getMore: CommandHandler = (cmd, ctx) => {
  const collection = cmd.collection;
  if (typeof collection !== 'string' || collection.length === 0) {
    throw new CommandError(ErrorCode.Location40414, "BSON field 'getMore.collection' is missing but a required field");
  }
  return ctx.cursors.getMore(cmd.getMore, `${ctx.db}.${collection}`, intArg(cmd, 'getMore', 'batchSize'));
};

const killCursors: CommandHandler = (cmd, ctx) => {
  const ids = arrayArg(cmd, 'killCursors', 'cursors', true) as unknown[];
  const { killed, notFound } = ctx.cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

export const cursorCommands: Record<string, CommandHandler> = { getMore, killCursors };
