/**
 * Preloaded (`--import`) into every Node child of the supervisor: when the IPC channel to the
 * supervisor closes, i.e. the supervisor is gone (even by SIGKILL), the child gets a SIGTERM and shuts
 * down through its own handler instead of living on as an orphan that holds its port.
 */
if (process.channel) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The channel must not keep a child alive that would otherwise exit (a `--migrate` run).
  process.channel.unref();
}

export {};
