/**
 * Strict standard base64 (RFC 4648 section 4, with padding). Node's decoder
 * skips characters it does not know and ignores bad padding, so "AA==garbage"
 * and "AB==" would both decode to a byte: two spellings of one proof. Here a
 * string decodes only if it is the exact encoding of its bytes.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes `text`, or returns undefined when it is not canonical base64. */
export function decodeBase64(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}
