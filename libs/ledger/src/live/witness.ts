import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CheckpointError, signCheckpoint, verifyCheckpoint, type Checkpoint, type SignedCheckpoint } from '../checkpoint';
import { verifyKeyRotation } from '../key-rotation';
import { checkpointFile, parseCheckpointFile, ProofFileError, type CheckpointFile } from '../proof-files';
import { ProofError, verifyConsistency } from '../verify';
import type { CosignatureSubmission } from './cosignatures';
import { LedgerInputError, WitnessRefusalError } from './errors';
import { keyFingerprint, parsePublicKey, type SigningKey } from './keys';
import type { RecordedKeyRotation } from './ledger-events';

/** How a witness reaches the ledger: the same DATA_DIR, or the server over GraphQL. */
export interface WitnessSource {
  latestCheckpoint(): Promise<{ checkpoint: SignedCheckpoint; publicKey: string } | undefined>;
  /** The proof that the tree of size1 leaves is a prefix of the tree of size2 leaves. */
  consistencyProof(size1: number, size2: number): Promise<Uint8Array[]>;
  submit(body: string, cosignature: CosignatureSubmission): Promise<void>;
  /** The log's key rotations of size `fromSize` or more, oldest first. */
  keyRotations(fromSize: number): Promise<KeyRotationStatement[]>;
}

/** A key rotation as a witness needs it. */
export type KeyRotationStatement = Pick<RecordedKeyRotation, 'rotation' | 'publicKey' | 'nextPublicKey' | 'position'>;

/**
 * What a witness remembers between runs (its --state file): the last
 * checkpoint it co-signed, and the operator it trusts, pinned at first use.
 */
export interface WitnessState {
  body: string;
  operatorKey: string;
  checkpoint: CheckpointFile;
  cosignedAt: string;
}

export interface WitnessOutcome {
  /** `unchanged`: the latest checkpoint is the one this witness signed last. */
  status: 'cosigned' | 'unchanged';
  checkpoint: SignedCheckpoint;
  previousSize: number | null;
  state: WitnessState;
  /** Key rotations followed to reach the checkpoint's key. */
  rotationsFollowed?: number;
}

/**
 * One round of a witness: fetch the operator's latest checkpoint; follow the key rotations recorded since
 * the last checkpoint it co-signed, each of which must be signed by the key it trusts at that point (the
 * operator key pinned at first use, then each rotation's next key); check the checkpoint's signature
 * against the key so reached; prove each step (the last co-signed checkpoint, every rotation, the new
 * checkpoint) consistent with the one before, using the root from the witness's own state, never the
 * server's word for it; and only then co-sign. Any doubt is a WitnessRefusalError, and nothing is signed.
 */
export async function witnessRound(
  source: WitnessSource,
  witness: { body: string; key: SigningKey; state: WitnessState | undefined; now: Date },
): Promise<WitnessOutcome> {
  const { body, key, state } = witness;
  if (state && state.body !== body) throw new LedgerInputError(`the state file belongs to the witness of ${state.body}, not ${body}`);
  const latest = await source.latestCheckpoint();
  if (!latest) throw new WitnessRefusalError('the ledger has no signed checkpoint yet: nothing to witness');
  const { checkpoint } = latest;
  const refuse = (why: string) => new WitnessRefusalError(`${body} refuses to co-sign the checkpoint of size ${checkpoint.size}: ${why}`);
  const previous = state && parseCheckpointFile(state.checkpoint);
  let trusted = state?.operatorKey ?? latest.publicKey;
  let reached: Checkpoint | undefined = previous;
  const extend = async (next: Checkpoint, what: string) => {
    if (!reached) return;
    const before =
      reached === previous
        ? `the checkpoint of size ${reached.size} this witness co-signed on ${state!.cosignedAt}`
        : `the key rotation at size ${reached.size}`;
    if (next.origin !== reached.origin) throw refuse(`${what} names the log "${next.origin}", not "${reached.origin}"`);
    if (next.size < reached.size) {
      const had = reached === previous ? 'this witness co-signed' : 'a key rotation it followed covers';
      throw refuse(`${had} ${reached.size} events, and the log now claims ${next.size}: events were removed`);
    }
    try {
      const proof = next.size === reached.size ? [] : await source.consistencyProof(reached.size, next.size);
      verifyConsistency({ size1: reached.size, size2: next.size, root1: reached.root, root2: next.root, proof });
    } catch (error) {
      if (!(error instanceof ProofError)) throw error;
      throw refuse(`${what} is not an extension of ${before}: history was rewritten (${error.message})`);
    }
    reached = next;
  };
  // The rotations between the last co-signed checkpoint and this one: a rotation after it is for the next round.
  const rotations = previous ? (await source.keyRotations(previous.size)).filter((r) => r.rotation.size < checkpoint.size) : [];
  for (const { rotation, publicKey, nextPublicKey, position } of rotations) {
    const what = `the key rotation at size ${rotation.size} (position ${position})`;
    if (!parsePublicKey(publicKey).equals(parsePublicKey(trusted))) {
      throw refuse(`${what} is signed by key ${keyFingerprint(parsePublicKey(publicKey))}, not by the operator key this witness trusts`);
    }
    try {
      verifyKeyRotation(rotation, parsePublicKey(trusted));
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      throw refuse(`${what} is not signed by the operator key this witness trusts (${error.message})`);
    }
    await extend(rotation, what);
    trusted = nextPublicKey;
  }
  const operatorKey = parsePublicKey(trusted);
  if (!parsePublicKey(latest.publicKey).equals(operatorKey)) {
    throw refuse('it is signed by another key than the operator this witness trusts, and no key rotation signed by that operator introduces it');
  }
  try {
    verifyCheckpoint(checkpoint, operatorKey);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw refuse(`its signature does not verify (${error.message})`);
  }
  await extend(checkpoint, 'it');
  if (previous && checkpoint.size === previous.size) return { status: 'unchanged', checkpoint, previousSize: previous.size, state };
  const cosigned = signCheckpoint(checkpoint, key.privateKey);
  await source.submit(body, { checkpoint: cosigned, publicKey: key.publicKeyPem });
  const next: WitnessState = { body, operatorKey: trusted, checkpoint: checkpointFile(checkpoint), cosignedAt: witness.now.toISOString() };
  return { status: 'cosigned', checkpoint, previousSize: previous?.size ?? null, state: next, rotationsFollowed: rotations.length };
}

export function readWitnessState(file: string): WitnessState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as WitnessState;
    parseCheckpointFile(state.checkpoint);
    parsePublicKey(state.operatorKey);
    if (typeof state.body !== 'string') throw new LedgerInputError('no body');
    return state;
  } catch (error) {
    if (!(error instanceof SyntaxError || error instanceof ProofFileError || error instanceof LedgerInputError)) throw error;
    throw new LedgerInputError(`${file} is not a witness state file: ${error.message}`);
  }
}

/** Written beside and renamed over, so a crash never leaves half a state file. */
export function writeWitnessState(file: string, state: WitnessState): void {
  const scratch = `${file}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(scratch, file);
}
