import { WrongExpectedRevisionError, type AppendResult, type EventStore, type EventToAppend, type RecordedEvent } from '@ddr/event-store';
import { chainMetadata } from '../chain';

/**
 * Appends to a stream whose writers do not decide against its whole history (the access log, checkpoints,
 * co-signatures): `build` is given the stream's last event and says what to append after it (nothing:
 * undefined); the events are chained to that last event and appended against its revision. Another writer
 * may append in between: then the new last event is read and `build` asked again, up to `maxAttempts`.
 */
export async function appendChained(
  store: EventStore,
  streamId: string,
  build: (last: RecordedEvent | undefined) => Promise<EventToAppend[] | undefined> | EventToAppend[] | undefined,
  maxAttempts = 3,
): Promise<AppendResult | undefined> {
  for (let attempt = 1; ; attempt++) {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const events = await build(last);
    if (!events || events.length === 0) return undefined;
    try {
      return await store.append(streamId, chainMetadata(streamId, last, events), { expectedRevision: last ? last.revision : 'no_stream' });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxAttempts) throw error;
    }
  }
}
