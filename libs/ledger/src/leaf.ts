import { createHash, hash } from 'node:crypto';
import { canonicalJson, canonicalJsonBytes, type JsonValue } from './canonical-json';

/**
 * What of an event the ledger commits to. Structurally a subset of the event
 * store's RecordedEvent, declared here so that this library depends on nothing
 * but node:crypto.
 */
export interface LedgerEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonValue;
}

/** The object whose canonical JSON is a leaf. Its key names are part of the auditor's procedure. */
export interface LeafContent {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonValue;
}

/**
 * The global position and commit time are left out on purpose: they are
 * store-specific (SQLite row numbers, EventStoreDB commit/prepare pairs) and
 * would change if the log were migrated between stores, while the leaf's
 * place in the tree already fixes the order. Everything the writer chose,
 * and where it sits in its stream, is in.
 */
export function leafContent(event: LedgerEvent): LeafContent {
  return {
    stream: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** The leaf's bytes: RFC 8785 canonical JSON of the leaf content, UTF-8. */
export function leafData(event: LedgerEvent): Uint8Array {
  return canonicalJsonBytes(leafContent(event));
}

// RFC 9162 2.1.1: distinct prefixes for leaves and interior nodes, so a leaf
// can never be passed off as a node (second-preimage resistance).
const LEAF_PREFIX = Buffer.of(0x00);
const NODE_PREFIX = Buffer.of(0x01);

export const HASH_SIZE = 32;

/** SHA-256 of the empty string: RFC 9162's root of the empty tree. A fresh copy each call. */
export function emptyTreeRoot(): Uint8Array {
  return createHash('sha256').digest();
}

/** SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, data]), 'buffer');
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
}

/**
 * leafHash(leafData(event)), in one call: every event is hashed when it is
 * written, when the tree takes it in and when the log is verified, and the
 * one-shot hash of the text costs a third of a streamed one. "\u0000" is the
 * leaf prefix byte in UTF-8.
 */
export function eventLeafHash(event: LedgerEvent): Uint8Array {
  return hash('sha256', `\u0000${canonicalJson(leafContent(event))}`, 'buffer');
}
