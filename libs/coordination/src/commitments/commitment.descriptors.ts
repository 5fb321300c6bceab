import type { Body } from '@ddr/kernel';
import { aggregateCommands, correctionCommand, sourceFrom } from '@ddr/desks';
import { themeOfWords } from '../assessments/theme.state';
import { dueAfterFrom } from '../instruments/instrument.inputs';
import { commitmentDecider } from './commitment.decider';
import { commitmentStream } from './commitment.events';
import {
  CorrectCommitmentActInput,
  FulfilCommitmentInput,
  MakeCommitmentInput,
  NoteCommitmentProgressInput,
  type CommitmentActInput,
} from './commitment.inputs';

/** Every secretariat keeps commitments; the decider says which body may record what on which. */
const commitmentCommand = aggregateCommands({
  decider: commitmentDecider,
  stream: (input: CommitmentActInput) => commitmentStream(input.commitmentId),
  issuedBy: 'EVERY_SECRETARIAT',
});
const act = (input: CommitmentActInput, by: Body) => ({
  by,
  commitmentId: input.commitmentId,
  effectiveDate: input.effectiveDate,
  source: sourceFrom(input),
});

export const makeCommitment = commitmentCommand({
  name: 'makeCommitment',
  description: 'A body promises something by a date.',
  input: MakeCommitmentInput,
  example: (body, n) => ({ commitmentId: `example-${n}`, body, description: 'a promise', dueDate: '2019-12-31', effectiveDate: '2019-01-01' }),
  command: (i, by) => ({
    type: 'MakeCommitment' as const,
    ...act(i, by),
    body: i.body,
    description: i.description,
    dueDate: i.dueDate,
    instrumentId: i.instrumentId ?? null,
    theme: i.theme ?? themeOfWords(i.description),
    dueAfter: dueAfterFrom(i.dueAfter),
  }),
});

export const fulfilCommitment = commitmentCommand({
  name: 'fulfilCommitment',
  description: 'A commitment is kept.',
  input: FulfilCommitmentInput,
  example: (_, n) => ({ commitmentId: `example-${n}`, effectiveDate: '2019-06-01' }),
  command: (i, by) => ({ type: 'FulfilCommitment' as const, ...act(i, by), note: i.note ?? null }),
});

export const noteCommitmentProgress = commitmentCommand({
  name: 'noteCommitmentProgress',
  description: 'Where a commitment stands.',
  input: NoteCommitmentProgressInput,
  example: (_, n) => ({ commitmentId: `example-${n}`, effectiveDate: '2019-06-01', note: 'still open' }),
  command: (i, by) => ({ type: 'NoteCommitmentProgress' as const, ...act(i, by), note: i.note }),
});

export const correctCommitmentAct = correctionCommand({
  name: 'correctCommitmentAct',
  what: 'a commitment',
  issuedBy: 'EVERY_SECRETARIAT',
  input: CorrectCommitmentActInput,
  decider: commitmentDecider,
  stream: (input) => commitmentStream(input.commitmentId),
  subject: (input) => ({ commitmentId: input.commitmentId }),
  example: (_, n) => ({ commitmentId: `example-${n}`, revision: 0, reason: 'the road map gives another day', effectiveDate: '2018-03-01' }),
});

export const COMMITMENT_COMMANDS = [makeCommitment, fulfilCommitment, noteCommitmentProgress, correctCommitmentAct];
