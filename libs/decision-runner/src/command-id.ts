import { derivedUuid } from '@ddr/event-store';

/**
 * The id of the n-th event a command produces on a stream, derived from the
 * command id so that a retried command proposes the very same event ids and
 * the store's idempotence turns the retry into a no-op. The stream is part of
 * it because one command may write to two streams (a decision citing a new
 * meeting).
 */
export function eventIdFor(commandId: string, streamId: string, index: number): string {
  return derivedUuid(commandId, streamId, index);
}
