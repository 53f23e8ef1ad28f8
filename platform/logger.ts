/** pino JSON logs; every line names its service, and request/user/job ids travel as child bindings. */
import { pino, type Logger } from 'pino';
import { config } from './config.js';

let root: Logger | undefined;

/** The process logger. The first call names the service (e.g. `logger('users')` in a subgraph's main). */
export function logger(service?: string): Logger {
  root ??= pino({
    level: config().LOG_LEVEL,
    base: { service: service ?? 'supergraph', pid: process.pid },
    redact: {
      paths: ['password', '*.password', 'refreshToken', '*.refreshToken', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  });
  return root;
}
