/**
 * Handshake, liveness and server-introspection commands.
 *
 * We present as a standalone MongoDB 7.0 (wire version 21): new enough for
 * driver 7 (needs ≥ 9), and standalone so the driver never sends read
 * preferences, retryable-write txnNumbers or topology gossip. Reporting
 * `logicalSessionTimeoutMinutes` enables implicit sessions (the driver
 * otherwise refuses explicit ones). No `topologyVersion` is reported, so the
 * driver polls with plain hellos instead of long-polling streaming ones.
 */
import { CommandError, ErrorCode } from '../errors.js';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE } from '../wire.js';
import type { CommandContext, CommandHandler } from './context.js';
import type { Doc } from '../values.js';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;

function hello(legacy: boolean): CommandHandler {
  return (cmd, ctx) => ({
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ...(cmd.saslSupportedMechs !== undefined ? { saslSupportedMechs: [] } : {}),
    ok: 1,
  });
}

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['memory'],
  javascriptEngine: 'none',
  modules: [],
  sysInfo: 'deprecated',
  allocator: 'system',
  ok: 1,
});

const requireAdmin = (name: string, ctx: CommandContext): void => {
  if (ctx.db !== 'admin') throw new CommandError(ErrorCode.CommandNotSupported, `${name} may only be run against the admin database.`);
};

const getParameter: CommandHandler = (cmd, ctx) => {
  requireAdmin('getParameter', ctx);
  const known: Doc = {
    featureCompatibilityVersion: { version: '7.0' },
    authenticationMechanisms: [],
    logLevel: 0,
    maxBSONDepth: 100,
  };
  if (cmd.getParameter === '*') return { ...known, ok: 1 };
  const reply: Doc = {};
  for (const key of Object.keys(cmd)) if (key in known) reply[key] = known[key];
  return { ...reply, ok: 1 };
};

const serverStatus: CommandHandler = (_cmd, ctx) => ({
  host: `${ctx.server.host}:${ctx.server.port}`,
  version: SERVER_VERSION,
  process: 'mongod',
  pid: process.pid,
  uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
  uptimeMillis: Date.now() - ctx.server.startedAt.getTime(),
  localTime: new Date(),
  connections: { current: ctx.server.currentConnections(), available: 1000, totalCreated: ctx.server.totalConnections() },
  metrics: { cursor: { open: { total: ctx.cursors.size } } },
  storageEngine: { name: 'memory', persistent: false },
  ok: 1,
});

const ok: CommandHandler = () => ({ ok: 1 });

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: hello(false),
  isMaster: hello(true),
  ismaster: hello(true),
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  serverStatus,
  hostInfo: () => ({ system: { hostname: 'embedded', cpuArch: process.arch }, os: { type: process.platform }, ok: 1 }),
  getLog: (cmd) => (cmd.getLog === '*' ? { names: ['global', 'startupWarnings'], ok: 1 } : { totalLinesWritten: 0, log: [], ok: 1 }),
  getCmdLineOpts: () => ({ argv: ['mongod'], parsed: {}, ok: 1 }),
  whatsmyuri: (_cmd, ctx) => ({ you: ctx.remoteAddress, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  // Sessions are accepted but carry no state: every command is already atomic.
  endSessions: ok,
  refreshSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  // Transactions are not isolated: their writes apply immediately, commit/abort are no-ops.
  commitTransaction: ok,
  abortTransaction: ok,
};
