import type { BatchedAppend, EventStore } from '@ddr/event-store';
import type { OperationsMetrics } from './metrics';
import { inSpan } from './tracing';

/**
 * The store with its appends timed and traced: an `append` span (streams, events) under the command's, and
 * the latency and batch size in the metrics. Reads and subscriptions pass straight through.
 */
export function instrumentedEventStore(store: EventStore, metrics: OperationsMetrics): EventStore {
  const timed = async <T>(appends: readonly Pick<BatchedAppend, 'streamId' | 'events'>[], write: () => Promise<T>): Promise<T> => {
    const events = appends.reduce((sum, append) => sum + append.events.length, 0);
    const started = performance.now();
    const attributes = { 'ddr.streams': appends.map((append) => append.streamId), 'ddr.events': events };
    const result = await inSpan('append', attributes, write);
    metrics.append(events, (performance.now() - started) / 1000);
    return result;
  };
  return {
    atomicBatches: store.atomicBatches,
    append: (streamId, events, options) => timed([{ streamId, events }], () => store.append(streamId, events, options)),
    appendBatch: (appends, options) => timed(appends, () => store.appendBatch(appends, options)),
    findClaim: (commandId) => store.findClaim(commandId),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    countAfter: (after, cap, filter) => store.countAfter(after, cap, filter),
    comparePositions: (a, b) => store.comparePositions(a, b),
    close: () => store.close(),
  };
}
