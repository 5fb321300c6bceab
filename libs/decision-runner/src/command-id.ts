import { createHash } from 'node:crypto';

/**
 * The id of the n-th event a command produces on a stream, derived from the
 * command id so that a retried command proposes the very same event ids and
 * the store's idempotence turns the retry into a no-op. The stream is part of
 * it because one command may write to two streams (a decision citing a new
 * meeting). Formatted as an RFC 9562 UUIDv8.
 */
export function eventIdFor(commandId: string, streamId: string, index: number): string {
  const hex = createHash('sha256').update(`${commandId}\u0000${streamId}\u0000${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
