/**
 * Command dispatch: the first field of a command document names it.
 * Every handler's failure becomes an `{ok: 0, errmsg, code, codeName}` reply;
 * nothing a client sends can throw past `runCommand`.
 */
import { CommandError, ErrorCode, errorReply } from '../errors.js';
import type { Doc } from '../values.js';
import { adminCommands } from './admin.js';
import type { CommandContext, CommandHandler } from './context.js';
import { crudCommands } from './crud.js';
import { cursorCommands } from './cursors.js';
import { handshakeCommands } from './handshake.js';
import { indexCommands } from './indexes.js';
import { readCommands } from './read.js';

export type { CommandContext, ServerInfo } from './context.js';

const COMMANDS = new Map<string, CommandHandler>(
  Object.entries({
    ...handshakeCommands,
    ...crudCommands,
    ...readCommands,
    ...cursorCommands,
    ...indexCommands,
    ...adminCommands,
  }),
);

export const supportedCommands = (): string[] => Array.from(COMMANDS.keys());

export function runCommand(cmd: Doc, ctx: CommandContext): Doc {
  const name = Object.keys(cmd)[0];
  try {
    const handler = name === undefined ? undefined : COMMANDS.get(name);
    if (!handler) {
      throw new CommandError(ErrorCode.CommandNotFound, name === undefined ? 'no command specified' : `no such command: '${name}'`);
    }
    return handler(cmd, ctx);
  } catch (err) {
    if (!(err instanceof CommandError)) ctx.logger.warn({ err, command: name }, 'embedded mongo: command failed unexpectedly');
    return errorReply(err);
  }
}
