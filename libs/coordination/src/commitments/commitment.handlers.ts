import { InputType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyField, CommandIdField, DateField, IdField, SourceRefField, TextField, deciderHandler, deskCommand } from '@ddr/desks';
import { commitmentDecider, commitmentStream } from './commitment.decider';

@InputType({ isAbstract: true })
class CommitmentActInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField()
  commitmentId: string;
  @DateField()
  effectiveDate: string;
  @SourceRefField()
  sourceRef?: string | null;
}

@InputType()
export class MakeCommitmentInput extends CommitmentActInput {
  @BodyField({ description: 'The body that promises.' })
  body: Body;
  @TextField({ max: 2000 })
  description: string;
  @DateField({ allowFuture: true, description: 'When the promise falls due.' })
  dueDate: string;
  @IdField({ optional: true, description: 'The instrument the promise belongs to, if any.' })
  instrumentId?: string | null;
}

@InputType()
export class FulfilCommitmentInput extends CommitmentActInput {
  @TextField({ optional: true, max: 2000 })
  note?: string | null;
}

@InputType()
export class NoteCommitmentProgressInput extends CommitmentActInput {
  @TextField({ max: 2000 })
  note: string;
}

export const MakeCommitmentCommand = deskCommand<MakeCommitmentInput>('MakeCommitment');
export const FulfilCommitmentCommand = deskCommand<FulfilCommitmentInput>('FulfilCommitment');
export const NoteCommitmentProgressCommand = deskCommand<NoteCommitmentProgressInput>('NoteCommitmentProgress');

const stream = (input: CommitmentActInput) => commitmentStream(input.commitmentId);
const act = (input: CommitmentActInput, by: Body) => ({
  by,
  commitmentId: input.commitmentId,
  effectiveDate: input.effectiveDate,
  sourceRef: input.sourceRef ?? null,
});

export const COMMITMENT_HANDLERS = [
  deciderHandler(MakeCommitmentCommand, {
    input: MakeCommitmentInput,
    decider: commitmentDecider,
    stream,
    command: (i, by) => ({
      type: 'MakeCommitment' as const,
      ...act(i, by),
      body: i.body,
      description: i.description,
      dueDate: i.dueDate,
      instrumentId: i.instrumentId ?? null,
    }),
  }),
  deciderHandler(FulfilCommitmentCommand, {
    input: FulfilCommitmentInput,
    decider: commitmentDecider,
    stream,
    command: (i, by) => ({ type: 'FulfilCommitment' as const, ...act(i, by), note: i.note ?? null }),
  }),
  deciderHandler(NoteCommitmentProgressCommand, {
    input: NoteCommitmentProgressInput,
    decider: commitmentDecider,
    stream,
    command: (i, by) => ({ type: 'NoteCommitmentProgress' as const, ...act(i, by), note: i.note }),
  }),
];
