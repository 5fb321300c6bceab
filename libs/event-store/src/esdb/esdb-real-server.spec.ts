import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../testing';
import { EsdbEventStore } from './esdb-event-store';

const connectionString = process.env.ESDB_CONNECTION_STRING;

if (connectionString) {
  // A real server keeps what earlier runs wrote: each store gets a namespace of its own, so it starts empty.
  eventStoreContract(`a real EventStoreDB server (${connectionString})`, {
    open: async () => new EsdbEventStore(connectionString, { namespace: `contract-${randomUUID()}-` }),
  });
} else {
  // The only skip in the project: without a server there is nothing to run against.
  process.stderr.write(
    'esdb-real-server.spec: skipped, ESDB_CONNECTION_STRING is not set ' +
      '(start EventStoreDB, e.g. `docker compose up`, and set ESDB_CONNECTION_STRING=esdb://localhost:2113?tls=false)\n',
  );
  describe.skip('EventStore contract: a real EventStoreDB server', () => {
    it('runs when ESDB_CONNECTION_STRING names a server', () => undefined);
  });
}
