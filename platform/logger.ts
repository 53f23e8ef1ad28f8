/**
 * pino JSON logs. Every line names its service; while a request is served it also carries
 * `requestId`, `userId` and `traceId` (the OpenTelemetry trace id when tracing is on, else the
 * request id), from the request context (observability/request-context.ts); job lines carry `jobId`
 * as a child binding. Secrets are redacted by path and every line passes a scrubber for secrets
 * inside strings (observability/log-redaction.ts).
 */
import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';
import { config } from './config.js';
import { CENSOR, configuredSecrets, redactPaths, scrubber } from './observability/log-redaction.js';
import { currentRequest } from './observability/request-context.js';

let root: Logger | undefined;

/** Request and trace ids of the work being done, for every line. */
function contextFields(): Record<string, string> {
  const request = currentRequest();
  const span = trace.getActiveSpan()?.spanContext();
  const fields: Record<string, string> = {};
  if (request) {
    fields.requestId = request.requestId;
    if (request.userId) fields.userId = request.userId;
  }
  if (span && span.traceId !== '00000000000000000000000000000000') {
    fields.traceId = span.traceId;
    fields.spanId = span.spanId;
  } else if (request) {
    fields.traceId = request.requestId;
  }
  return fields;
}

/** The process logger. The first call names the service (e.g. `logger('users')` in a subgraph's main). */
export function logger(service?: string): Logger {
  if (root) return root;
  const c = config();
  const scrub = scrubber(configuredSecrets(c));
  root = pino({
    level: c.LOG_LEVEL,
    base: { service: service ?? 'supergraph', pid: process.pid },
    mixin: contextFields,
    redact: { paths: redactPaths(), censor: CENSOR },
    hooks: { streamWrite: scrub },
  });
  return root;
}
