import { pagesOf, type EventStore, type EventToAppend, type JsonObject, type RecordedEvent } from '@ddr/event-store';
import { encodeBase64 } from '../base64';
import { eventLeafHash } from '../leaf';
import { MerkleTree } from '../merkle-tree';
import { LedgerInputError, StoreNotEmptyError } from './errors';

/**
 * One line of `ddr export --format jsonl`: the event with all its metadata
 * (the hash chain's previousHash among it), where the store put it, and its
 * place and hash in the Merkle tree. `position` and `committedAt` belong to
 * the exporting store and are not imported; everything a leaf covers is.
 */
export interface ExportedEvent {
  position: string;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  committedAt: string;
  leafIndex: number;
  /** Base64 RFC 9162 leaf hash. */
  leafHash: string;
}

export interface TransferSummary {
  events: number;
  streams: number;
  /** Base64 root of the Merkle tree over the events: equal on both sides of a faithful transfer. */
  root: string;
}

/** The log, one JSON line per event, in global order; `done` gets the summary once the last line is out. */
export async function* exportLog(
  store: EventStore,
  done: (summary: TransferSummary) => void,
  onProgress: (events: number) => void = () => undefined,
  pageSize = 2_000,
): AsyncGenerator<string> {
  const tree = new MerkleTree();
  const streams = new Set<string>();
  for await (const page of pagesOf(store, { pageSize })) {
    for (const event of page) {
      const leafHash = eventLeafHash(event);
      const leafIndex = tree.append(leafHash);
      streams.add(event.streamId);
      yield JSON.stringify(exported(event, leafIndex, encodeBase64(leafHash)));
    }
    onProgress(tree.size);
  }
  done({ events: tree.size, streams: streams.size, root: encodeBase64(tree.root()) });
}

function exported(event: RecordedEvent, leafIndex: number, leafHash: string): ExportedEvent {
  const { position, streamId: stream, revision, id, type, data, metadata, committedAt } = event;
  return { position, stream, revision, id, type, data, metadata, committedAt, leafIndex, leafHash };
}

/**
 * Reads an export back into an EMPTY store: each stream's events appended in
 * the original global order, with their original ids, data and metadata, so
 * that every chain and the tree's root come out identical. The file is read
 * twice: first checked whole (every line parses, its leaf hash matches its
 * content, revisions follow on), then appended, so a bad file writes nothing.
 */
export async function importLog(
  store: EventStore,
  lines: () => AsyncIterable<string>,
  onProgress: (events: number, phase: 'checked' | 'imported') => void = () => undefined,
): Promise<TransferSummary> {
  if ((await store.headPosition()) !== undefined) {
    throw new StoreNotEmptyError('import writes into an empty store only: this one already holds events');
  }
  const summary = await checkExport(lines(), (n) => onProgress(n, 'checked'));
  let run: ExportedEvent[] = [];
  let imported = 0;
  const flush = async () => {
    if (run.length === 0) return;
    const first = run[0];
    const events: EventToAppend[] = run.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }));
    await store.append(first.stream, events, { expectedRevision: first.revision === 0 ? 'no_stream' : first.revision - 1 });
    imported += run.length;
    run = [];
    onProgress(imported, 'imported');
  };
  for await (const line of lines()) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as ExportedEvent;
    // Consecutive events of one stream go in one append, as they were most likely written.
    if (run.length > 0 && (run[0].stream !== event.stream || run.length >= 500)) await flush();
    run.push(event);
  }
  await flush();
  return summary;
}

async function checkExport(lines: AsyncIterable<string>, onProgress: (events: number) => void): Promise<TransferSummary> {
  const tree = new MerkleTree();
  const revisions = new Map<string, number>();
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const event = parseLine(line, lineNo);
    const where = `line ${lineNo} (stream ${event.stream} revision ${event.revision})`;
    const expected = (revisions.get(event.stream) ?? -1) + 1;
    if (event.revision !== expected) throw new LedgerInputError(`${where}: expected revision ${expected} of that stream`);
    revisions.set(event.stream, event.revision);
    const leafHash = encodeBase64(eventLeafHash({ ...event, streamId: event.stream }));
    if (event.leafHash !== undefined && event.leafHash !== leafHash) throw new LedgerInputError(`${where}: its content does not hash to its leafHash`);
    if (event.leafIndex !== undefined && event.leafIndex !== tree.size)
      throw new LedgerInputError(`${where}: leafIndex ${event.leafIndex}, expected ${tree.size}`);
    tree.append(Buffer.from(leafHash, 'base64'));
    if (tree.size % 2_000 === 0) onProgress(tree.size);
  }
  onProgress(tree.size);
  return { events: tree.size, streams: revisions.size, root: encodeBase64(tree.root()) };
}

function parseLine(line: string, lineNo: number): ExportedEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new LedgerInputError(`line ${lineNo} is not JSON`);
  }
  const event = value as Partial<ExportedEvent>;
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const fine =
    isObject(event) &&
    typeof event.stream === 'string' &&
    Number.isSafeInteger(event.revision) &&
    typeof event.id === 'string' &&
    typeof event.type === 'string' &&
    isObject(event.data) &&
    isObject(event.metadata);
  if (!fine) throw new LedgerInputError(`line ${lineNo} is not an exported event (stream, revision, id, type, data, metadata)`);
  return event as ExportedEvent;
}
