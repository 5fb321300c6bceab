import type { EventStore } from '@ddr/event-store';
import type { Body } from '@ddr/kernel';
import { CheckpointError, verifyCheckpoint, type SignedCheckpoint } from '../checkpoint';
import { appendChained } from './chained-append';
import { findCheckpoint } from './checkpoints';
import { LedgerInputError, LedgerNotFoundError } from './errors';
import { parsePublicKey } from './keys';
import { readCosignatureEvent, witnessCosignedEvent, witnessStream, type RecordedCosignature } from './ledger-events';

/** What a witness submits: the checkpoint it signed, its signature, its public key (SPKI PEM). */
export interface CosignatureSubmission {
  checkpoint: SignedCheckpoint;
  publicKey: string;
}

/**
 * Records a body's co-signature of a checkpoint the operator signed. The
 * server checks what it can: the checkpoint is one it recorded, the signature
 * is the key's over that checkpoint, the body keeps the key it co-signed with
 * before and only moves forward. Whether the checkpoint extends the last one
 * the body signed is the witness's own check, made before it submits.
 */
export async function recordCosignature(
  store: EventStore,
  body: string,
  witnesses: readonly Body[],
  submission: CosignatureSubmission,
  now: Date,
): Promise<RecordedCosignature> {
  const witness = witnesses.find((candidate) => candidate === body);
  if (!witness) throw new LedgerInputError(`unknown body ${body}; witnesses are ${witnesses.join(', ')}`);
  const { checkpoint } = submission;
  const key = parsePublicKey(submission.publicKey);
  try {
    verifyCheckpoint(checkpoint, key);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new LedgerInputError(`the co-signature does not verify with the key given: ${error.message}`);
  }
  const signed = await findCheckpoint(store, checkpoint.size, checkpoint.root);
  if (!signed || signed.checkpoint.origin !== checkpoint.origin) {
    throw new LedgerNotFoundError(`no checkpoint of size ${checkpoint.size} with this root and origin was signed`);
  }
  // The operator vouching for itself is no witness.
  if (key.equals(parsePublicKey(signed.publicKey))) throw new LedgerInputError('a witness co-signs with a key of its own, not the operator’s');
  let repeated: RecordedCosignature | undefined;
  const result = await appendChained(store, witnessStream(body), (previous) => {
    if (previous) {
      const before = readCosignatureEvent(previous);
      if (!parsePublicKey(before.publicKey).equals(key)) {
        throw new LedgerInputError(`${body} co-signed before with another key; a witness keeps its key (docs/ledger.md, “A witness’s key”)`);
      }
      const same = before.checkpoint.size === checkpoint.size && Buffer.compare(before.checkpoint.root, checkpoint.root) === 0;
      if (same) {
        repeated = before;
        return undefined;
      }
      if (before.checkpoint.size >= checkpoint.size) {
        throw new LedgerInputError(`${body} already co-signed a checkpoint of size ${before.checkpoint.size}; a witness only moves forward`);
      }
    }
    return [witnessCosignedEvent(witness, checkpoint, submission.publicKey, now)];
  });
  if (!result) return repeated!;
  return { body, checkpoint, publicKey: submission.publicKey, position: result.position, revision: result.nextExpectedRevision, recordedAt: now.toISOString() };
}

/** Each body's latest co-signature. */
export async function latestCosignatures(store: EventStore, bodies: readonly string[]): Promise<RecordedCosignature[]> {
  const latest = await Promise.all(bodies.map((body) => store.readStream(witnessStream(body), { direction: 'backwards', maxCount: 1 })));
  return latest.flatMap(([event]) => (event ? [readCosignatureEvent(event)] : []));
}
