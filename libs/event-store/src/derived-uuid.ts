import { createHash } from 'node:crypto';

/**
 * A UUID derived from its parts (an RFC 9562 UUIDv8 over their SHA-256), so that a writer that retries
 * proposes the very same id and the store's idempotence turns the retry into a no-op.
 */
export function derivedUuid(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
