/**
 * OpenTelemetry tracing, loaded before the process's own code with `node --import` (the supervisor
 * adds it to every child, platform/runtime/child.ts; the image's entry point does the same for
 * dist/). Off unless an OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, the OpenTelemetry conventions; `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none` turn it off again): then nothing of the SDK is even loaded.
 *
 * When on: the Node SDK with the OTLP/HTTP exporter (JSON over HTTP by default; the SDK reads the
 * other OTEL_* variables itself) and the instrumentations of what the processes use: http (the
 * gateway's fetches to subgraphs and every server; W3C `traceparent` goes out and is read back in),
 * undici (provider calls through fetch), graphql, pg, ioredis and mongodb.
 * `service.name` is OTEL_SERVICE_NAME, else the process's role (gateway, users, …, catalog-workers).
 *
 * ESM: pg, ioredis and mongodb are imported from ES modules, which require-in-the-middle never sees;
 * import-in-the-middle's loader hook is registered here, before the application is loaded, and told
 * to intercept only the modules the instrumentations hook (so tsx's own loading is left alone).
 */
import { register } from 'node:module';

/** The process's role from its command line: `role.js <role>`, `subgraphs/<name>/main`, `gateway/main`. */
export function processRole(argv: readonly string[] = process.argv): string {
  const entry = (argv[1] ?? '').replace(/\\/g, '/');
  if (/\/runtime\/role\.[jt]s$/.test(entry) && argv[2]) return argv[2];
  const subgraph = /\/subgraphs\/([a-z]+)\/main\.[jt]s$/.exec(entry);
  if (subgraph?.[1]) return subgraph[1];
  if (/\/gateway\/main\.[jt]s$/.test(entry)) return 'gateway';
  return 'supergraph';
}

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

async function startTracing(): Promise<void> {
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  const [{ NodeSDK }, { OTLPTraceExporter }, http, undici, graphql, pg, ioredis, mongodb] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-graphql'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-ioredis'),
    import('@opentelemetry/instrumentation-mongodb'),
  ]);
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? processRole(),
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new http.HttpInstrumentation({
        // Probes and scrapes are not traffic worth a trace; nor are the exporter's own posts.
        ignoreIncomingRequestHook: (request) => /^\/(health|ready|metrics)\b/.test(request.url ?? ''),
      }),
      new undici.UndiciInstrumentation(),
      new graphql.GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new pg.PgInstrumentation(),
      new ioredis.IORedisInstrumentation(),
      new mongodb.MongoDBInstrumentation(),
    ],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  // Flush what is buffered when the process ends (shutdown.ts exits after its own handlers).
  process.once('beforeExit', () => void sdk.shutdown().catch(() => {}));
  (globalThis as { __supergraphTracing?: { shutdown(): Promise<void> } }).__supergraphTracing = sdk;
}

/** Flushes and stops the SDK if it runs (shutdown.ts may call it last); a no-op otherwise. */
export async function stopTracing(): Promise<void> {
  await (globalThis as { __supergraphTracing?: { shutdown(): Promise<void> } }).__supergraphTracing?.shutdown().catch(() => {});
}

if (tracingEnabled() && !(globalThis as { __supergraphTracing?: unknown }).__supergraphTracing) await startTracing();
