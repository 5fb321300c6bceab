import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@ddr/kernel';
import { checkpointFile, decodeBase64, encodeBase64 } from '@ddr/ledger';
import { Ledger, LedgerInputError, type RecordedCheckpoint, type RecordedCosignature } from '@ddr/ledger/live';
import { CurrentActor } from '../access/request-context';
import { Roles } from '../access/roles.decorator';
import { PAGE_SIZE, pageRequest } from '../graphql/paging';
import {
  ConsistencyProofType,
  CosignCheckpointInput,
  InclusionProofType,
  LedgerIntegrityType,
  LedgerKeyRotationType,
  SignedCheckpointType,
  WitnessCosignatureType,
} from './ledger.types';

/** The ledger, for auditors: where it stands, proofs for anyone to check offline, and witnesses' co-signatures. */
@Resolver()
@Roles('AUDITOR')
export class LedgerResolver {
  constructor(@Inject(Ledger) private readonly ledger: Ledger) {}

  @Query(() => LedgerIntegrityType, { description: 'The latest signed checkpoint, what came since, the last verification and the witnesses.' })
  async ledgerIntegrity(): Promise<LedgerIntegrityType> {
    const report = await this.ledger.integrity();
    const latest = report.latestCheckpoint;
    return {
      ...report,
      latestCheckpoint: latest && checkpointType(latest, report.witnesses),
      witnesses: report.witnesses.map((cosignature) => cosignatureType(cosignature, latest)),
    };
  }

  @Query(() => InclusionProofType, { description: 'Proof that an event is in the log, against the latest signed checkpoint.' })
  async inclusionProof(
    @Args('eventId') eventId: string,
    @Args('streamId', { nullable: true, description: 'Needed only when the id is used in several streams.' }) streamId?: string,
  ): Promise<InclusionProofType> {
    const answer = await this.ledger.inclusionProof(eventId, streamId ?? undefined);
    const { file, leaf } = answer;
    return {
      leafIndex: file.leafIdx,
      treeSize: file.treeSize,
      root: file.root,
      leafHash: file.leafHash!,
      proof: file.proof ?? [],
      streamId: leaf.streamId,
      revision: leaf.revision,
      position: leaf.position,
      checkpoint: checkpointType(answer.checkpoint, []),
      file,
    };
  }

  @Query(() => ConsistencyProofType, { description: 'Proof that the log of size1 events is a prefix of the log of size2 events.' })
  async consistencyProof(@Args('size1', { type: () => Int }) size1: number, @Args('size2', { type: () => Int }) size2: number): Promise<ConsistencyProofType> {
    const file = await this.ledger.consistencyProof(size1, size2);
    return { ...file, proof: file.proof ?? [], file };
  }

  @Query(() => [LedgerKeyRotationType], { description: 'The checkpoint key’s rotations signed at a tree size of fromSize or more, oldest first.' })
  async ledgerKeyRotations(
    @Args('fromSize', { type: () => Int, defaultValue: 0 }) fromSize: number,
    @Args('first', { type: () => Int, defaultValue: PAGE_SIZE.default, description: `How many to answer, 1 to ${PAGE_SIZE.max}.` }) first: number,
  ): Promise<LedgerKeyRotationType[]> {
    pageRequest({ first }, 1);
    const rotations = (await this.ledger.keyRotations(fromSize)).slice(0, first);
    return rotations.map(({ rotation, publicKey, nextPublicKey, reason, position, recordedAt }) => ({
      origin: rotation.origin,
      size: rotation.size,
      root: encodeBase64(rotation.root),
      signature: encodeBase64(rotation.signature),
      publicKey,
      nextPublicKey,
      reason,
      position,
      recordedAt,
    }));
  }

  @Mutation(() => WitnessCosignatureType, { description: 'Records the caller’s body’s co-signature of a signed checkpoint.' })
  async cosignCheckpoint(@Args('input') input: CosignCheckpointInput, @CurrentActor() actor: Actor): Promise<WitnessCosignatureType> {
    const root = decodeBase64(input.root);
    const signature = decodeBase64(input.signature);
    if (!root || !signature) throw new LedgerInputError('root and signature must be standard base64');
    const checkpoint = { origin: input.origin, size: input.size, root, signature };
    const recorded = await this.ledger.cosign(actor.body, { checkpoint, publicKey: input.publicKey });
    return cosignatureType(recorded, (await this.ledger.latestCheckpoint()) ?? null);
  }
}

function checkpointType(recorded: RecordedCheckpoint, witnesses: readonly RecordedCosignature[]): SignedCheckpointType {
  const { checkpoint } = recorded;
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    signature: encodeBase64(checkpoint.signature),
    publicKey: recorded.publicKey,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
    witnessedBy: witnesses.filter((w) => sameCheckpoint(w, recorded)).map((w) => w.body as Actor['body']),
    file: checkpointFile(checkpoint),
  };
}

function cosignatureType(cosignature: RecordedCosignature, latest: RecordedCheckpoint | null): WitnessCosignatureType {
  return {
    body: cosignature.body as Actor['body'],
    size: cosignature.checkpoint.size,
    root: encodeBase64(cosignature.checkpoint.root),
    signature: encodeBase64(cosignature.checkpoint.signature),
    publicKey: cosignature.publicKey,
    position: cosignature.position,
    recordedAt: cosignature.recordedAt,
    coversLatest: latest !== null && sameCheckpoint(cosignature, latest),
  };
}

const sameCheckpoint = (a: { checkpoint: { size: number; root: Uint8Array } }, b: { checkpoint: { size: number; root: Uint8Array } }) =>
  a.checkpoint.size === b.checkpoint.size && Buffer.compare(a.checkpoint.root, b.checkpoint.root) === 0;
