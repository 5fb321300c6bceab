// Apart from the main entry, so that a process that only opens a store (the `ddr` command line) does not load NestJS.
export { EventStoreModule } from './event-store.module';
