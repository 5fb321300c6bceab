import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { readSettings, SettingsError } from '@ddr/settings';
import { startTracing } from './operations/tracing-sdk';
import { startServer } from './server';

/**
 * SIGTERM or SIGINT: stop taking requests, let those in flight finish,
 * checkpoint the projections, close the store, then exit 0. A second signal
 * exits at once.
 */
async function main(): Promise<void> {
  const settings = readSettings();
  const stopTracing = settings.tracing ? await startTracing() : async () => undefined;
  const { app } = await startServer(settings);
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    Logger.log(`${signal}: finishing in-flight requests and closing`, 'Server');
    // HTTP first: no new requests, those in flight finish; then projections checkpoint and the store closes.
    // A connection busy when closing began would stay open after its answer until its keep-alive ends (72 s):
    // it is closed as soon as it is idle. (More are busy then since appends wait for their group commit.)
    const idle = setInterval(() => (app.getHttpServer() as Server).closeIdleConnections(), 100);
    // Nest's HttpServer port types close() as any; the Fastify adapter's returns a promise.
    (app.getHttpAdapter().close() as Promise<void>)
      .finally(() => clearInterval(idle))
      .then(() => app.close())
      .then(stopTracing)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${(error as Error).stack ?? String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown).on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix, and its message names the variable; a stack trace would bury it.
  const reason = error instanceof SettingsError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`could not start: ${reason}\n`);
  process.exit(1);
});
