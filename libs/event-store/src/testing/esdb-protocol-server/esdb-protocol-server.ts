import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { handleAppend } from './append-handler';
import { InMemoryLog } from './in-memory-log';
import { ServerFeaturesService, StreamsService } from './protocol';
import { handleRead, type ReadBehaviour } from './read-handler';

export interface EsdbProtocolServerOptions {
  /** Send `caught_up` to subscriptions, as EventStoreDB 23.10 and later do (default true). */
  caughtUpMessages?: boolean;
}

/**
 * TEST DOUBLE, not a product feature: an in-process gRPC server that speaks
 * the part of EventStoreDB's protocol that @eventstore/db-client 6.2.1 uses
 * for our adapter (Streams.Append and Streams.Read: stream and `$all` reads,
 * catch-up subscriptions with filters), keeping its events in memory. No
 * EventStoreDB server can run where CI runs, so the adapter's contract suite
 * runs against this over real gRPC on loopback; the same suite runs against
 * a real server when ESDB_CONNECTION_STRING is set.
 *
 * It listens on 127.0.0.1 only, on a port the OS chooses. `stop()` drops it
 * like a crash (every call cut, events kept); `start()` brings it back on
 * the same port, so tests can watch clients reconnect and resume.
 */
export class EsdbProtocolServer {
  private server?: Server;
  private boundPort?: number;
  private log = new InMemoryLog();
  private readonly behaviour: ReadBehaviour;

  private constructor(options: EsdbProtocolServerOptions) {
    this.behaviour = { caughtUpMessages: options.caughtUpMessages ?? true };
  }

  static async start(options: EsdbProtocolServerOptions = {}): Promise<EsdbProtocolServer> {
    const server = new EsdbProtocolServer(options);
    await server.start();
    return server;
  }

  get port(): number {
    if (this.boundPort === undefined) throw new Error('the server has not been started');
    return this.boundPort;
  }

  /** Single node, no TLS: the client then never asks for gossip. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Starts listening: on a fresh port the first time, on the same port after `stop()`. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new Server();
    server.addService(StreamsService, {
      append: handleAppend(() => this.log),
      read: handleRead(() => this.log, this.behaviour),
    });
    // UNIMPLEMENTED tells the client to use plain Streams.Append (not BatchAppend).
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (_: unknown, callback: (error: { code: number; details: string }) => void) =>
        callback({ code: status.UNIMPLEMENTED, details: 'server features are not implemented by this test server' }),
    });
    this.boundPort = await bind(server, `127.0.0.1:${this.boundPort ?? 0}`);
    this.server = server;
  }

  /** Drops every connection and call at once, as a crash would; the events stay for `start()`. */
  stop(): void {
    this.server?.forceShutdown();
    this.server = undefined;
  }

  /** Forgets every event: a fresh, empty store for the next test. */
  reset(): void {
    this.log = new InMemoryLog();
  }

  async close(): Promise<void> {
    this.stop();
  }
}

/** Binding the port a stopped server just released can fail for a moment; try again briefly. */
async function bind(server: Server, address: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
      );
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
