import type { KeyObject } from 'node:crypto';
import { pagesOf, type EventStore, type RecordedEvent } from '@ddr/event-store';
import { encodeBase64 } from '../base64';
import { PREVIOUS_HASH } from '../chain';
import { verifyCheckpoint, type SignedCheckpoint } from '../checkpoint';
import { eventLeafHash } from '../leaf';
import { MerkleTree } from '../merkle-tree';
import type { MerkleNodeStore } from '../node-store';
import { verifyConsistency } from '../verify';
import { keyFingerprint, parsePublicKey } from './keys';
import type { LeafRecord, LedgerRecords } from './ledger-db';
import {
  CHECKPOINT_KEY_ROTATED,
  CHECKPOINT_STREAM,
  readCosignatureEvent,
  readCustodyStatement,
  readKeyRotationEvent,
  WITNESS_COSIGNED,
  WITNESS_STREAM_PREFIX,
} from './ledger-events';

export type BreakKind =
  'revision' | 'chain' | 'altered' | 'inserted' | 'removed' | 'missing' | 'checkpoint' | 'rotation' | 'cosignature' | 'saved-checkpoint' | 'unhashable';

/** One thing found wrong, and where: the event most likely tampered with. */
export interface Break {
  kind: BreakKind;
  stream: string;
  revision: number;
  position: string;
  message: string;
}

/** A checkpoint recorded in the log, as the verification found it, and who co-signed it. */
export interface CheckpointFinding {
  size: number;
  root: string;
  position: string;
  valid: boolean;
  witnesses: string[];
}

/** A key rotation recorded in the log, as the verification found it. */
export interface RotationFinding {
  size: number;
  position: string;
  /** Fingerprints of the outgoing and the next key. */
  from: string;
  to: string;
  reason: string;
  valid: boolean;
}

export interface VerifyReport {
  ok: boolean;
  /** Events read, and of those, checked (within --from/--to). */
  events: number;
  checked: number;
  streams: number;
  /** The tree recomputed from the events read. */
  treeSize: number;
  root: string;
  /** The first breaks, in log order; `breakCount` counts them all. */
  breaks: Break[];
  breakCount: number;
  checkpoints: CheckpointFinding[];
  rotations: RotationFinding[];
  /** What the saved checkpoint file proved, when one was given. */
  saved?: { size: number; consistent: boolean };
  /** Events the ledger file had not taken in yet: checked by their chains only. */
  beyondStoredTree: number;
}

export interface VerifyOptions {
  /** Check and report events at positions >= from (earlier ones are still hashed: the tree needs them). */
  from?: string;
  /** Stop after this position. */
  to?: string;
  /** A checkpoint an auditor saved earlier: the log must extend it. */
  saved?: SignedCheckpoint;
  /**
   * The operator's current key, which the chain of custody must end at. The chain starts at the first
   * recorded checkpoint's key; each valid key rotation hands it to the next key.
   */
  operatorKey?: KeyObject;
  /** The ledger file's tree and leaves, compared leaf by leaf with the recomputed ones. */
  stored?: { nodes: MerkleNodeStore; records: LedgerRecords };
  onProgress?: (events: number) => void;
  pageSize?: number;
  /** Breaks kept in the report (all are counted). */
  keep?: number;
}

/** A key of the chain of custody and the tree sizes it signed for: from its introduction to its rotation. */
interface CustodyKey {
  key: KeyObject;
  from: number;
  until?: number;
}

interface StreamEnd {
  revision: number;
  hash: string;
  position: string;
}

/**
 * Recomputes, from the events alone, every stream's hash chain and the Merkle
 * tree of the global log, and checks against them every checkpoint and
 * co-signature recorded in the log, the tree the ledger file kept (which took
 * each event in when it was new), and a checkpoint an auditor saved.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const run = new Verification(store, options);
  for await (const page of pagesOf(store, { pageSize: options.pageSize })) {
    if (!run.take(page)) break;
    options.onProgress?.(run.events);
  }
  return run.finish();
}

class Verification {
  readonly tree = new MerkleTree();
  events = 0;
  private checked = 0;
  private readonly streams = new Map<string, StreamEnd>();
  private readonly breaks: Break[] = [];
  private breakCount = 0;
  private readonly checkpoints: CheckpointFinding[] = [];
  private readonly rotations: RotationFinding[] = [];
  private readonly witnessKeys = new Map<string, KeyObject>();
  private readonly custody: CustodyKey[] = [];
  /** The last statement of the checkpoint stream, valid or not, and its finding when it was in range. */
  private lastStatement?: { event: RecordedEvent; next?: KeyObject; finding?: { valid: boolean } };
  private lastValidSize = 0;
  private origin?: string;
  private storedDiverged = false;
  private last?: RecordedEvent;

  constructor(
    private readonly store: EventStore,
    private readonly options: VerifyOptions,
  ) {}

  /** Takes a page in log order; false once past --to. */
  take(page: readonly RecordedEvent[]): boolean {
    for (const event of page) {
      if (this.options.to !== undefined && this.store.comparePositions(event.position, this.options.to) > 0) return false;
      this.takeOne(event);
    }
    return true;
  }

  private takeOne(event: RecordedEvent): void {
    const index = this.events++;
    const inRange = this.options.from === undefined || this.store.comparePositions(event.position, this.options.from) >= 0;
    if (inRange) this.checked++;
    let hash: Uint8Array;
    try {
      hash = eventLeafHash(event);
    } catch (error) {
      // Stands in for the leaf so that the rest of the log can still be checked.
      hash = new Uint8Array(32);
      if (inRange) this.report('unhashable', event, `cannot be canonicalised: ${(error as Error).message}`);
    }
    const link = encodeBase64(hash);
    if (inRange) this.checkChain(event);
    this.streams.set(event.streamId, { revision: event.revision, hash: link, position: event.position });
    this.tree.append(hash);
    this.compareWithStored(event, index, hash, inRange);
    // Every statement is followed, in range or not: the chain of custody runs through all of them.
    if (event.streamId === CHECKPOINT_STREAM) this.checkStatement(event, index, inRange);
    if (inRange && event.streamId.startsWith(WITNESS_STREAM_PREFIX) && event.type === WITNESS_COSIGNED) this.checkCosignature(event, index);
    this.last = event;
  }

  private checkChain(event: RecordedEvent): void {
    const before = this.streams.get(event.streamId);
    const expected = before ? before.revision + 1 : 0;
    if (event.revision !== expected) {
      const after = before ? `follows revision ${before.revision} (position ${before.position})` : 'is the first of its stream in the log';
      this.report(
        'revision',
        event,
        `${after}: revision ${expected}${event.revision > expected + 1 ? ` to ${event.revision - 1}` : ''} is missing, or events were reordered`,
      );
      return;
    }
    const link = event.metadata[PREVIOUS_HASH];
    if (link === (before?.hash ?? null)) return;
    if (link === undefined) {
      this.report('chain', event, 'carries no previousHash: it was not written through the ledger’s chain, or its metadata was rewritten');
    } else if (before) {
      const at = { streamId: event.streamId, revision: before.revision, position: before.position };
      this.report(
        'chain',
        at,
        `does not hash to the previousHash that revision ${event.revision} (position ${event.position}) recorded: one of the two was altered`,
      );
    } else {
      this.report('chain', event, 'is revision 0 but its previousHash is not null');
    }
  }

  /** The ledger file took each event in when it was new: a different leaf now means the log changed since. */
  private compareWithStored(event: RecordedEvent, index: number, hash: Uint8Array, inRange: boolean): void {
    const stored = this.options.stored;
    if (!stored || this.storedDiverged || index >= stored.nodes.leafCount()) return;
    if (Buffer.compare(stored.nodes.node(0, index), hash) === 0) return;
    // Past the first difference every later leaf differs too: one report says it.
    this.storedDiverged = true;
    if (!inRange) return;
    const recorded = stored.records.leafAt(index);
    if (!recorded) return this.report('altered', event, `differs from leaf ${index} of the ledger`);
    const was = describe(recorded);
    if (recorded.eventId === event.id.toLowerCase()) {
      return this.report('altered', event, `is not what the ledger took in as leaf ${index}: its content was altered`);
    }
    const elsewhere = stored.records.leavesOf(event.id).find((leaf) => leaf.streamId === event.streamId);
    if (!elsewhere) {
      return this.report('inserted', event, `is unknown to the ledger, which took in ${was} as leaf ${index}: an event was inserted or replaced`);
    }
    this.report(
      'removed',
      { streamId: recorded.streamId, revision: recorded.revision, position: recorded.position },
      `(event ${recorded.eventId}, leaf ${index}) is not at its place: the log has ${describe(elsewhere)} there, which the ledger took in as leaf ${elsewhere.index}: events were removed or reordered`,
    );
  }

  /**
   * A checkpoint or key rotation: signed by the key the chain of custody holds at this point (the first
   * statement's key starts it), naming the same log, no larger than the log before it nor smaller than
   * the statement before, with the log's root at its size. A valid rotation hands the chain to its next
   * key; a checkpoint or rotation signed by any other key is a break.
   */
  private checkStatement(event: RecordedEvent, index: number, inRange: boolean): void {
    const kind = event.type === CHECKPOINT_KEY_ROTATED ? 'rotation' : 'checkpoint';
    let finding: CheckpointFinding | RotationFinding | undefined;
    this.lastStatement = { event };
    try {
      const statement = readCustodyStatement(event);
      const signer = parsePublicKey(statement.signer);
      const next = parsePublicKey(statement.next);
      const root = encodeBase64(statement.root);
      if (statement.kind === 'checkpoint') {
        const found: CheckpointFinding = { size: statement.size, root, position: event.position, valid: false, witnesses: [] };
        if (inRange) this.checkpoints.push(found);
        finding = found;
      } else {
        const { reason } = readKeyRotationEvent(event);
        const found: RotationFinding = {
          size: statement.size,
          position: event.position,
          from: keyFingerprint(signer),
          to: keyFingerprint(next),
          reason,
          valid: false,
        };
        if (inRange) this.rotations.push(found);
        finding = found;
      }
      this.lastStatement = { event, next, finding: inRange ? finding : undefined };
      statement.verify();
      if (this.custody.length === 0) this.custody.push({ key: signer, from: 0 });
      const current = this.custody.at(-1)!;
      if (!signer.equals(current.key)) {
        throw new Error(
          `is signed by another key than the operator’s at this point: key ${keyFingerprint(signer)}, which no valid key rotation introduced ` +
            `(the log's checkpoint key here is ${keyFingerprint(current.key)})`,
        );
      }
      this.origin ??= statement.origin;
      if (statement.origin !== this.origin) throw new Error(`names the log "${statement.origin}", earlier checkpoints "${this.origin}"`);
      if (statement.size > index) throw new Error(`claims ${statement.size} events, but only ${index} precede it`);
      if (statement.size < this.lastValidSize) throw new Error(`is smaller (${statement.size}) than the statement before it (${this.lastValidSize})`);
      if (Buffer.compare(this.tree.rootAt(statement.size), statement.root) !== 0) {
        throw new Error(`does not match the log: its first ${statement.size} events were altered, removed or reordered since it was signed`);
      }
      finding.valid = true;
      this.lastValidSize = statement.size;
      if (statement.kind === 'rotation') {
        current.until = statement.size;
        this.custody.push({ key: next, from: statement.size });
      }
    } catch (error) {
      const what = kind === 'checkpoint' ? 'checkpoint' : 'key rotation';
      if (inRange) this.report(kind, event, `(${what}${finding ? ` of size ${finding.size}` : ''}) ${(error as Error).message}`);
    }
  }

  /** The chain of custody must end at the operator's key: the one this DATA_DIR signs with. */
  private checkCustodyEnd(): void {
    const operator = this.options.operatorKey;
    const last = this.lastStatement;
    const end = this.custody.at(-1)?.key;
    if (!operator || !last || !end || end.equals(operator)) return;
    if (last.finding) last.finding.valid = false;
    const rotated = this.custody.length > 1 ? ` after ${this.custody.length - 1} key rotation(s)` : '';
    this.report(
      last.event.type === CHECKPOINT_KEY_ROTATED ? 'rotation' : 'checkpoint',
      last.event,
      `is signed by another key than the operator’s: the log's checkpoint key is ${keyFingerprint(end)}${rotated}, this DATA_DIR's is ${keyFingerprint(operator)}`,
    );
  }

  private checkCosignature(event: RecordedEvent, index: number): void {
    try {
      const { body, checkpoint, publicKey } = readCosignatureEvent(event);
      const key = parsePublicKey(publicKey);
      verifyCheckpoint(checkpoint, key);
      const known = this.witnessKeys.get(body);
      if (known && !known.equals(key)) throw new Error(`is signed by another key than ${body}’s earlier co-signatures`);
      this.witnessKeys.set(body, key);
      if (checkpoint.size > index || Buffer.compare(this.tree.rootAt(checkpoint.size), checkpoint.root) !== 0) {
        throw new Error(`co-signs a checkpoint of size ${checkpoint.size} that does not match the log`);
      }
      const root = encodeBase64(checkpoint.root);
      const finding = this.checkpoints.find((c) => c.size === checkpoint.size && c.root === root && c.valid);
      if (!finding) throw new Error(`co-signs a checkpoint of size ${checkpoint.size} the operator never validly signed`);
      if (!finding.witnesses.includes(body)) finding.witnesses.push(body);
    } catch (error) {
      this.report('cosignature', event, `(co-signature) ${(error as Error).message}`);
    }
  }

  finish(): VerifyReport {
    const stored = this.options.stored;
    const storedSize = stored?.nodes.leafCount() ?? 0;
    const wholeLog = this.options.to === undefined;
    if (wholeLog && stored && storedSize > this.events && !this.storedDiverged) {
      const first = stored.records.leafAt(this.events);
      const place = first ? { streamId: first.streamId, revision: first.revision, position: first.position } : this.lastPlace();
      this.report(
        'missing',
        place,
        `(leaf ${this.events}) is missing: the log ends after ${this.events} events but the ledger took in ${storedSize}: the tail was removed`,
      );
    }
    if (wholeLog) this.checkCustodyEnd();
    const saved = this.options.saved && this.checkSaved(this.options.saved);
    return {
      ok: this.breakCount === 0,
      events: this.events,
      checked: this.checked,
      streams: this.streams.size,
      treeSize: this.tree.size,
      root: encodeBase64(this.tree.root()),
      breaks: this.breaks,
      breakCount: this.breakCount,
      checkpoints: this.checkpoints,
      rotations: this.rotations,
      saved,
      beyondStoredTree: stored ? Math.max(0, this.events - storedSize) : this.events,
    };
  }

  private checkSaved(saved: SignedCheckpoint): { size: number; consistent: boolean } {
    const place = this.lastPlace();
    const fail = (message: string) => {
      this.report('saved-checkpoint', place, message);
      return { size: saved.size, consistent: false };
    };
    // Signed by the key of the chain of custody that signed for its size (before any checkpoint: the operator's).
    const keys = this.custody.length ? this.custody.filter((k) => k.from <= saved.size && saved.size <= (k.until ?? Infinity)).map((k) => k.key) : [];
    if (!this.custody.length && this.options.operatorKey) keys.push(this.options.operatorKey);
    const signedBy = keys.some((key) => {
      try {
        verifyCheckpoint(saved, key);
        return true;
      } catch {
        return false;
      }
    });
    if ((this.custody.length || this.options.operatorKey) && !signedBy) {
      return fail(`ends the log read; the saved checkpoint (size ${saved.size}) is not signed by the operator’s key for that size`);
    }
    if (saved.size > this.tree.size) {
      return fail(
        `ends the log after ${this.tree.size} events, but the saved checkpoint covers ${saved.size}: events were removed from the log since it was signed`,
      );
    }
    if (saved.size === 0) return { size: 0, consistent: true };
    try {
      verifyConsistency({
        size1: saved.size,
        size2: this.tree.size,
        root1: saved.root,
        root2: this.tree.root(),
        proof: this.tree.consistencyProof(saved.size, this.tree.size),
      });
      return { size: saved.size, consistent: true };
    } catch {
      return fail(
        `ends a log that does not extend the saved checkpoint (size ${saved.size}): some of its first ${saved.size} events were altered, removed or reordered`,
      );
    }
  }

  private lastPlace(): { streamId: string; revision: number; position: string } {
    return this.last ?? { streamId: '(empty log)', revision: -1, position: '0' };
  }

  private report(kind: BreakKind, at: { streamId: string; revision: number; position: string }, what: string): void {
    this.breakCount++;
    if (this.breaks.length >= (this.options.keep ?? 20)) return;
    this.breaks.push({
      kind,
      stream: at.streamId,
      revision: at.revision,
      position: at.position,
      message: `stream ${at.streamId} revision ${at.revision} (position ${at.position}) ${what}`,
    });
  }
}

const describe = (leaf: LeafRecord) => `event ${leaf.eventId} (stream ${leaf.streamId} revision ${leaf.revision}, position ${leaf.position})`;
