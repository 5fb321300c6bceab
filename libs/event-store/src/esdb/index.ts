// Apart from the main entry: the EventStoreDB client takes longer to load than `ddr token` takes to run.
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';
