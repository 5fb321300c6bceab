import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, DateTimeScalar, JsonScalar } from '@ddr/desks';

@ObjectType('SignedCheckpoint', { description: 'The operator’s signed statement "the log named origin had size events and this root".' })
export class SignedCheckpointType {
  @Field() origin: string;
  @Field(() => Int) size: number;
  @Field({ description: 'RFC 9162 root, standard base64.' }) root: string;
  @Field({ description: 'Ed25519 over "origin\\nsize\\nroot\\n", standard base64.' }) signature: string;
  @Field({ description: 'The signer’s Ed25519 public key, SPKI PEM.' }) publicKey: string;
  @Field({ description: 'Where the log records this checkpoint.' }) position: string;
  @Field(() => DateTimeScalar) recordedAt: string;
  @Field(() => [BodyEnum], { description: 'Bodies whose latest co-signature is of this checkpoint.' }) witnessedBy: Body[];
  @Field(() => JsonScalar, { description: 'The checkpoint file tools/verify-ledger.mjs reads.' }) file: unknown;
}

@ObjectType('WitnessCosignature', { description: 'A body’s co-signature of a checkpoint: its own key vouches that the log only grew.' })
export class WitnessCosignatureType {
  @Field(() => BodyEnum) body: Body;
  @Field(() => Int) size: number;
  @Field() root: string;
  @Field() signature: string;
  @Field() publicKey: string;
  @Field() position: string;
  @Field(() => DateTimeScalar) recordedAt: string;
  @Field({ description: 'True when this is a co-signature of the latest checkpoint.' }) coversLatest: boolean;
}

@ObjectType('LedgerKeyRotation', { description: 'The outgoing checkpoint key’s signed statement handing checkpoint signing to the next key.' })
export class LedgerKeyRotationType {
  @Field() origin: string;
  @Field(() => Int, { description: 'The tree size the rotation was signed at.' }) size: number;
  @Field({ description: 'RFC 9162 root at that size, standard base64.' }) root: string;
  @Field({ description: 'The outgoing key’s Ed25519 signature over "origin\\nsize\\nroot\\nkey-rotation <next key>\\n", standard base64.' })
  signature: string;
  @Field({ description: 'The outgoing key, SPKI PEM.' }) publicKey: string;
  @Field({ description: 'The key that signs checkpoints from here on, SPKI PEM.' }) nextPublicKey: string;
  @Field({ description: 'Why the operator rotated the key.' }) reason: string;
  @Field({ description: 'Where the log records this rotation.' }) position: string;
  @Field(() => DateTimeScalar) recordedAt: string;
}

@ObjectType('LedgerVerification', { description: 'The outcome of the last `ddr ledger verify` on this data directory.' })
export class LedgerVerificationType {
  @Field(() => DateTimeScalar) finishedAt: string;
  @Field() ok: boolean;
  @Field(() => Int) events: number;
  @Field(() => Int) treeSize: number;
  @Field() root: string;
  @Field(() => String, { nullable: true }) firstBreak: string | null;
  @Field({ description: 'What was verified: all, a range of positions, with a saved checkpoint.' }) scope: string;
}

@ObjectType('LedgerIntegrity')
export class LedgerIntegrityType {
  @Field({ description: 'The log’s name in its checkpoints.' }) origin: string;
  @Field({ description: 'The operator’s current checkpoint key, SPKI PEM; the keys before it: ledgerKeyRotations.' }) publicKey: string;
  @Field(() => Int, { description: 'Events in the Merkle tree.' }) treeSize: number;
  @Field(() => SignedCheckpointType, { nullable: true }) latestCheckpoint: SignedCheckpointType | null;
  @Field(() => Int, { description: 'Events recorded after the latest checkpoint.' }) eventsSinceCheckpoint: number;
  @Field(() => LedgerVerificationType, { nullable: true }) lastVerification: LedgerVerificationType | null;
  @Field(() => [WitnessCosignatureType], { description: 'Each witnessing body’s latest co-signature.' }) witnesses: WitnessCosignatureType[];
  @Field(() => String, { nullable: true, description: 'Why the tree is not following the log, when it is not.' }) followerError: string | null;
}

@ObjectType('InclusionProof', { description: 'RFC 9162 proof that an event is in the log, against the latest signed checkpoint.' })
export class InclusionProofType {
  @Field(() => Int) leafIndex: number;
  @Field(() => Int) treeSize: number;
  @Field() root: string;
  @Field() leafHash: string;
  @Field(() => [String]) proof: string[];
  @Field() streamId: string;
  @Field(() => Int) revision: number;
  @Field() position: string;
  @Field(() => SignedCheckpointType) checkpoint: SignedCheckpointType;
  @Field(() => JsonScalar, { description: 'The proof file tools/verify-ledger.mjs reads (`inclusion`).' }) file: unknown;
}

@ObjectType('ConsistencyProof', { description: 'RFC 9162 proof that the log of size1 events is a prefix of the log of size2 events.' })
export class ConsistencyProofType {
  @Field(() => Int) size1: number;
  @Field(() => Int) size2: number;
  @Field() root1: string;
  @Field() root2: string;
  @Field(() => [String]) proof: string[];
  @Field(() => JsonScalar, { description: 'The proof file tools/verify-ledger.mjs reads (`consistency`).' }) file: unknown;
}

@InputType('CosignCheckpointInput', { description: 'A witness’s co-signature; the body is the caller’s.' })
export class CosignCheckpointInput {
  @Field() origin: string;
  @Field(() => Int) size: number;
  @Field({ description: 'The checkpoint’s root, standard base64.' }) root: string;
  @Field({ description: 'The witness’s Ed25519 signature of the checkpoint, standard base64.' }) signature: string;
  @Field({ description: 'The witness’s public key, SPKI PEM.' }) publicKey: string;
}
