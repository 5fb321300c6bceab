import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@ddr/event-store';
import type { Body } from '@ddr/kernel';
import type { ConsistencyProofFile } from '../proof-files';
import { checkpointLog, keyRotations, lastCustodyStatement, latestCheckpoint, rotateCheckpointKey, type CheckpointOutcome, type Signer } from './checkpoints';
import { latestCosignatures, recordCosignature, type CosignatureSubmission } from './cosignatures';
import { LedgerInputError } from './errors';
import {
  defaultLedgerKeyFile,
  keyFingerprint,
  loadOrCreateSigningKey,
  parsePublicKey,
  promoteStagedKey,
  readSigningKey,
  stagedKeyFile,
  stageKey,
  type SigningKey,
} from './keys';
import { LedgerRecords, openLedgerDb, type LedgerDb, type VerificationRecord } from './ledger-db';
import type { RecordedCheckpoint, RecordedCosignature, RecordedKeyRotation } from './ledger-events';
import { proveConsistency, proveInclusion, type InclusionProofAnswer } from './proofs';
import { TreeFollower, type TreeFollowerOptions } from './tree-follower';

/** The settings the ledger reads (a subset of @ddr/settings' Settings). */
export interface LedgerSettings {
  dataDir: string;
  /** PKCS#8 PEM Ed25519 key; DATA_DIR/keys/ledger-ed25519.pem, generated on first use, when not given. */
  ledgerKeyFile?: string;
  /** The log's name in its checkpoints; derived from the key when not given. */
  ledgerOrigin?: string;
}

export const ledgerFile = (dataDir: string) => join(dataDir, 'ledger.sqlite');

/** Where the ledger stands, for `ledgerIntegrity` and `ddr ledger status`. */
export interface IntegrityReport {
  origin: string;
  publicKey: string;
  treeSize: number;
  latestCheckpoint: RecordedCheckpoint | null;
  /** Events in the tree after the latest checkpoint. */
  eventsSinceCheckpoint: number;
  lastVerification: VerificationRecord | null;
  /** Each body's latest co-signature. */
  witnesses: RecordedCosignature[];
  /** Why the tree is not following the log, when it is not. */
  followerError: string | null;
}

/**
 * The ledger of one event store: the durable Merkle tree that follows the
 * log, the operator's signing key, checkpoints, proofs and co-signatures.
 * The server and every CLI command build the same object over DATA_DIR.
 */
export class Ledger {
  readonly records: LedgerRecords;
  readonly follower: TreeFollower;
  private readonly db: LedgerDb;
  private readonly clock: () => Date;
  private key?: SigningKey;
  /** Who may co-sign checkpoints: the bodies, given by whoever builds the ledger (it knows no domain). */
  private readonly witnesses: readonly Body[];

  constructor(
    readonly store: EventStore,
    private readonly settings: LedgerSettings,
    options: TreeFollowerOptions & { clock?: () => Date; witnesses?: readonly Body[] } = {},
  ) {
    this.db = openLedgerDb(ledgerFile(settings.dataDir));
    this.records = new LedgerRecords(this.db);
    this.follower = new TreeFollower(store, this.db, this.records, options);
    this.clock = options.clock ?? (() => new Date());
    this.witnesses = options.witnesses ?? [];
  }

  /**
   * The operator's key: the one the log's last checkpoint or key rotation hands signing to. It is read
   * from the configured file, or the one under DATA_DIR/keys, generated there on first use only while
   * the log holds no checkpoint. A log already signed by a key this DATA_DIR lacks (restored without its
   * keys, or imported) is refused: a silent new key would break every later verification. A key rotated
   * by another process (`ddr ledger key rotate` beside a running server) is read again.
   */
  async signingKey(): Promise<SigningKey> {
    const last = await lastCustodyStatement(this.store);
    const expected = last && parsePublicKey(last.next);
    if (this.key && (!expected || expected.equals(this.key.publicKey))) return this.key;
    const configured = this.settings.ledgerKeyFile;
    if (configured && !existsSync(configured)) throw new LedgerInputError(`LEDGER_KEY_FILE ${configured} does not exist`);
    const file = this.keyFile();
    // A rotation recorded while the next key still waited beside the old one (a crash between the two): finish it.
    if (!configured && expected && existsSync(stagedKeyFile(file)) && readSigningKey(stagedKeyFile(file)).publicKey.equals(expected)) {
      promoteStagedKey(file);
    }
    if (expected && !existsSync(file)) {
      throw new LedgerInputError(
        `this log's checkpoints are signed by key ${keyFingerprint(expected)}, which ${file} does not hold: restore it ` +
          '(`ddr restore` brings the keys of a `ddr backup`, or copy keys/ledger-ed25519.pem) or set LEDGER_KEY_FILE; ' +
          'a new key is never made for a log already signed (docs/operations.md, backup and restore)',
      );
    }
    this.key = configured ? readSigningKey(configured) : loadOrCreateSigningKey(file);
    return this.key;
  }

  private keyFile(): string {
    return this.settings.ledgerKeyFile ?? defaultLedgerKeyFile(this.settings.dataDir);
  }

  /**
   * `LEDGER_ORIGIN`, or the origin the log's checkpoints already name, or, for a log not yet signed,
   * `ddr-coordination-ledger/<fingerprint of the first key>`: derived once, then kept by the log, so it
   * outlives the key.
   */
  async origin(): Promise<string> {
    if (this.settings.ledgerOrigin) return this.settings.ledgerOrigin;
    const last = await lastCustodyStatement(this.store);
    return last?.origin ?? `ddr-coordination-ledger/${keyFingerprint((await this.signingKey()).publicKey)}`;
  }

  /**
   * Hands checkpoint signing over to a new key: generated beside the current one (or `nextKeyFile`, which
   * LEDGER_KEY_FILE requires: the operator then points LEDGER_KEY_FILE at it), named in a rotation the
   * current key signs, put in the current key's place once the log holds the rotation, and at once used
   * to sign a checkpoint that covers the rotation.
   */
  async rotateKey(reason: string, nextKeyFile?: string): Promise<{ rotation: RecordedKeyRotation; checkpoint: RecordedCheckpoint | undefined }> {
    const why = reason.trim();
    if (!why) throw new LedgerInputError('a key rotation needs a reason: auditors read it');
    const configured = this.settings.ledgerKeyFile;
    if (configured && !nextKeyFile) {
      throw new LedgerInputError('LEDGER_KEY_FILE names the checkpoint key: give the next one with --new-key FILE, then point LEDGER_KEY_FILE at it');
    }
    const signer = await this.signer();
    const file = this.keyFile();
    const next = nextKeyFile ? readSigningKey(nextKeyFile) : loadOrCreateSigningKey(stagedKeyFile(file));
    if (nextKeyFile && !configured) stageKey(file, next);
    if (next.publicKey.equals(signer.key.publicKey)) throw new LedgerInputError('the next key is the current one');
    const rotation = await rotateCheckpointKey(signer, next, why);
    if (!configured) promoteStagedKey(file);
    this.key = next;
    const outcome = await checkpointLog({ ...signer, key: next }, { evenIfUngrown: true });
    return { rotation, checkpoint: outcome?.checkpoint };
  }

  /** The log's key rotations signed at a tree size of `fromSize` or more, oldest first. */
  keyRotations(fromSize = 0): Promise<RecordedKeyRotation[]> {
    return keyRotations(this.store, fromSize);
  }

  async latestCheckpoint(): Promise<RecordedCheckpoint | undefined> {
    return (await latestCheckpoint(this.store))?.recorded;
  }

  /** Signs a checkpoint when the log grew since the last one; refuses (LedgerInconsistentError) when it does not extend it. */
  async checkpoint(): Promise<CheckpointOutcome | undefined> {
    return checkpointLog(await this.signer());
  }

  private async signer(): Promise<Signer> {
    return { store: this.store, follower: this.follower, key: await this.signingKey(), origin: await this.origin(), clock: this.clock };
  }

  // Each answer first brings the tree up to the log's head: cheap when the follower keeps up.

  async inclusionProof(eventId: string, streamId?: string): Promise<InclusionProofAnswer> {
    const latest = await this.latestCheckpoint();
    await this.follower.catchUp();
    return proveInclusion(this.store, this.follower, latest, eventId, streamId);
  }

  async consistencyProof(size1: number, size2: number): Promise<ConsistencyProofFile> {
    await this.follower.catchUp();
    return proveConsistency(this.follower, size1, size2);
  }

  cosign(body: string, submission: CosignatureSubmission): Promise<RecordedCosignature> {
    return recordCosignature(this.store, body, this.witnesses, submission, this.clock());
  }

  async integrity(): Promise<IntegrityReport> {
    await this.follower.catchUp();
    const latest = (await this.latestCheckpoint()) ?? null;
    const treeSize = this.follower.tree.size;
    const failure = this.follower.lastFailure;
    return {
      origin: await this.origin(),
      publicKey: (await this.signingKey()).publicKeyPem,
      treeSize,
      latestCheckpoint: latest,
      eventsSinceCheckpoint: treeSize - (latest?.checkpoint.size ?? 0),
      lastVerification: this.records.lastVerification(),
      witnesses: await latestCosignatures(this.store, this.witnesses),
      followerError: failure ? (failure as Error).message : null,
    };
  }

  async close(): Promise<void> {
    await this.follower.stop();
    this.db.close();
  }
}
