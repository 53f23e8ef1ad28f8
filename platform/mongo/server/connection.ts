/**
 * One client socket: bytes → framed messages → commands → replies, strictly
 * in order (the driver never pipelines on a connection, and ordering keeps
 * replies matched to requests).
 *
 * A message that cannot be framed or decoded closes this connection only;
 * command-level problems are answered with an error document instead.
 */
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { runCommand, type ServerInfo } from './commands/index.js';
import type { CursorRegistry } from './cursors.js';
import { errorReply, CommandError } from './errors.js';
import type { MemoryStorage } from './storage.js';
import { isPlainObject, type Doc } from './values.js';
import { decodeMessage, encodeOpMsg, encodeOpReply, MessageFramer, OP_QUERY, type WireRequest } from './wire.js';

export interface ConnectionDeps {
  storage: MemoryStorage;
  cursors: CursorRegistry;
  server: ServerInfo;
  logger: Logger;
}

const BSON_OBJECT_TOO_LARGE = 10334;

export function serveConnection(socket: Socket, connectionId: number, deps: ConnectionDeps): void {
  const framer = new MessageFramer();
  const remoteAddress = `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`;
  const log = deps.logger.child({ connectionId, remoteAddress });
  socket.setNoDelay(true);

  const execute = (db: string, cmd: Doc): Doc => {
    log.trace({ db, command: Object.keys(cmd)[0] }, 'command');
    return runCommand(cmd, {
      storage: deps.storage,
      cursors: deps.cursors,
      db,
      connectionId,
      remoteAddress,
      server: deps.server,
      logger: log,
    });
  };

  /** Serializes a reply, degrading to an error if the reply itself is unencodable (e.g. > 16 MB). */
  const encode = (encoder: (id: number, doc: Doc) => Buffer, requestId: number, reply: Doc): Buffer => {
    try {
      return encoder(requestId, reply);
    } catch (err) {
      return encoder(requestId, errorReply(new CommandError(BSON_OBJECT_TOO_LARGE, `reply could not be encoded: ${(err as Error).message}`)));
    }
  };

  const respond = (req: WireRequest): Buffer | undefined => {
    if (req.opCode === OP_QUERY) {
      // Only `<db>.$cmd` queries remain meaningful: the pre-OP_MSG handshake.
      const suffix = '.$cmd';
      if (!req.fullCollectionName.endsWith(suffix)) {
        return encodeOpReply(req.requestId, { $err: 'OP_QUERY is no longer supported for queries', code: 5739101, ok: 0 });
      }
      const db = req.fullCollectionName.slice(0, -suffix.length);
      const cmd = isPlainObject(req.query.$query) ? req.query.$query : req.query;
      return encode(encodeOpReply, req.requestId, execute(db, cmd));
    }
    const db = req.body.$db;
    const reply =
      typeof db === 'string' && db.length > 0
        ? execute(db, req.body)
        : errorReply(new CommandError(40571, 'OP_MSG requests require a $db argument'));
    return req.moreToCome ? undefined : encode(encodeOpMsg, req.requestId, reply);
  };

  socket.on('data', (chunk: Buffer) => {
    try {
      for (const message of framer.push(chunk)) {
        const reply = respond(decodeMessage(message));
        if (reply && !socket.destroyed) socket.write(reply);
      }
    } catch (err) {
      log.warn({ err }, 'embedded mongo: closing connection after malformed message');
      socket.destroy();
    }
  });
  // Resets from clients going away are routine; never let them become uncaught errors.
  socket.on('error', (err) => log.debug({ err }, 'socket error'));
}
