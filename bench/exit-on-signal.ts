/**
 * Preloaded (`node -r`) into servers profiled with --cpu-prof: NestJS stops
 * on SIGTERM by re-sending the signal to itself once its hooks have run, and
 * a process killed by a signal writes no profile. When Nest's listener is
 * gone, this one remains and exits normally, so the profile is written.
 */
process.on('SIGTERM', () => {
  if (process.listenerCount('SIGTERM') === 1) process.exit(0);
});
