/** Stops a process cleanly on SIGINT/SIGTERM: stop taking requests, drain, close stores, exit. */
import type { Logger } from 'pino';

export function onShutdown(log: Logger, stop: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.warn('shutdown took too long, exiting');
      process.exit(1);
    }, graceMs);
    force.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
