import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CheckpointError, signCheckpoint, verifyCheckpoint, type SignedCheckpoint } from '../checkpoint';
import { checkpointFile, parseCheckpointFile, ProofFileError, type CheckpointFile } from '../proof-files';
import { ProofError, verifyConsistency } from '../verify';
import type { CosignatureSubmission } from './cosignatures';
import { LedgerInputError, WitnessRefusalError } from './errors';
import { parsePublicKey, type SigningKey } from './keys';

/** How a witness reaches the ledger: the same DATA_DIR, or the server over GraphQL. */
export interface WitnessSource {
  latestCheckpoint(): Promise<{ checkpoint: SignedCheckpoint; publicKey: string } | undefined>;
  /** The proof that the tree of size1 leaves is a prefix of the tree of size2 leaves. */
  consistencyProof(size1: number, size2: number): Promise<Uint8Array[]>;
  submit(body: string, cosignature: CosignatureSubmission): Promise<void>;
}

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
}

/**
 * One round of a witness: fetch the operator's latest checkpoint, check its
 * signature against the pinned operator key, prove it consistent with the
 * last checkpoint this witness co-signed (using the root from the witness's
 * own state, never the server's word for it), and only then co-sign. Any
 * doubt is a WitnessRefusalError, and nothing is signed.
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
  const operatorKey = parsePublicKey(state?.operatorKey ?? latest.publicKey);
  if (!parsePublicKey(latest.publicKey).equals(operatorKey)) throw refuse('it is signed by another key than the operator this witness trusts');
  try {
    verifyCheckpoint(checkpoint, operatorKey);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw refuse(`its signature does not verify (${error.message})`);
  }
  const previous = state && parseCheckpointFile(state.checkpoint);
  if (previous) {
    if (checkpoint.origin !== previous.origin) throw refuse(`it names the log "${checkpoint.origin}", not "${previous.origin}"`);
    if (checkpoint.size < previous.size) {
      throw refuse(`this witness co-signed ${previous.size} events, and the log now claims ${checkpoint.size}: events were removed`);
    }
    try {
      const proof = checkpoint.size === previous.size ? [] : await source.consistencyProof(previous.size, checkpoint.size);
      verifyConsistency({ size1: previous.size, size2: checkpoint.size, root1: previous.root, root2: checkpoint.root, proof });
    } catch (error) {
      if (!(error instanceof ProofError)) throw error;
      throw refuse(
        `it is not an extension of the checkpoint of size ${previous.size} this witness co-signed on ${state.cosignedAt}: ` +
          `history was rewritten (${error.message})`,
      );
    }
    if (checkpoint.size === previous.size) return { status: 'unchanged', checkpoint, previousSize: previous.size, state };
  }
  const cosigned = signCheckpoint(checkpoint, key.privateKey);
  await source.submit(body, { checkpoint: cosigned, publicKey: key.publicKeyPem });
  const next: WitnessState = {
    body,
    operatorKey: state?.operatorKey ?? latest.publicKey,
    checkpoint: checkpointFile(checkpoint),
    cosignedAt: witness.now.toISOString(),
  };
  return { status: 'cosigned', checkpoint, previousSize: previous?.size ?? null, state: next };
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
