import type { Commitment, Condition, Instrument, Requirement } from '@ddr/coordination';
import { isCoordinatingBody, type Body } from '@ddr/kernel';
import type { Programme } from '@ddr/programmes';

type CommitmentOf = (id: string) => Commitment | undefined;

/** The body that set a condition, and every body whose step or commitment it waits on. */
export function conditionBodies(condition: Condition, commitmentOf: CommitmentOf): Body[] {
  const owner = (r: Requirement): Body[] => {
    if (r.kind === 'INSTRUMENT_STEP_APPROVED') return [r.body];
    if (r.kind === 'COMMITMENT_FULFILLED') {
      const commitment = commitmentOf(r.commitmentId);
      return commitment ? [commitment.body] : [];
    }
    return [];
  };
  return [...new Set([condition.body, ...condition.requires.flatMap(owner)])];
}

/** A watched subject as its kind, for the bodies that rely on it. */
export type Subject =
  | { kind: 'instrument'; state: Instrument }
  | { kind: 'commitment'; state: Commitment }
  | { kind: 'condition'; state: Condition }
  | { kind: 'programme'; state: Programme };

const reliesOn = (requirement: Requirement, subject: Subject): boolean => {
  switch (subject.kind) {
    case 'instrument':
      return 'instrumentId' in requirement && requirement.instrumentId === subject.state.id;
    case 'commitment':
      return 'commitmentId' in requirement && requirement.commitmentId === subject.state.id;
    case 'programme':
      return 'programme' in requirement && requirement.programme === subject.state.code;
    case 'condition':
      return false;
  }
};

/**
 * The coordinating bodies that rely on a subject: an instrument's lead body and the bodies of its
 * pathway, a commitment's body and its recorder, a programme's lead and supporting bodies, a
 * condition's own (conditionBodies), and the body of every standing condition that waits on it.
 */
export function bodiesRelyingOn(subject: Subject, conditions: readonly Condition[], commitmentOf: CommitmentOf): Body[] {
  const own: Body[] =
    subject.kind === 'instrument'
      ? [subject.state.leadBody, ...subject.state.pathway.map((step) => step.body)]
      : subject.kind === 'commitment'
        ? [subject.state.body, subject.state.recordedBy]
        : subject.kind === 'programme'
          ? [subject.state.leadBody, ...subject.state.supportedBy]
          : conditionBodies(subject.state, commitmentOf);
  const waiting = conditions.filter((c) => !c.withdrawnOn && c.requires.some((r) => reliesOn(r, subject))).map((c) => c.body);
  return [...new Set([...own, ...waiting])].filter(isCoordinatingBody);
}
