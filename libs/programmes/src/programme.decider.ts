import { assertNever, chronicled, reject, type Decision, type Rejection } from '@ddr/kernel';
import { PROGRAMME_DESKS, type ProgrammeCommand } from './programme.commands';
import type { ProgrammeEvent } from './programme.events';
import { evolveProgramme, sum, type Programme, type ProgrammeState, type Tranche } from './programme.state';

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Refuses a command whose counts would break an invariant; the message names the numbers. */
function exceeds(what: string, count: number, room: number, of: string): Rejection | undefined {
  return count > room ? reject('BAD_USER_INPUT', `${what} ${count} exceeds the ${room} ${of}`) : undefined;
}

function counts(command: ProgrammeCommand): number[] {
  switch (command.type) {
    case 'LaunchProgramme':
      return [command.target, command.targetDeserters];
    case 'ScreenTranche':
      return [command.fit, command.unfit];
    case 'RegisterTranche':
      return [command.count, command.deserters];
    case 'RecordWeaponsHandover':
      return [command.weapons];
    default:
      return [command.count];
  }
}

/** Decides on the programme as it stood on the command's effective date; `current` holds every act recorded. */
export function decideProgramme(command: ProgrammeCommand, state: ProgrammeState, current: ProgrammeState = state): Decision<ProgrammeEvent> {
  const desk = PROGRAMME_DESKS[command.type];
  if (command.by !== desk) return reject('FORBIDDEN', `${command.type} is for the ${desk} secretariat, not ${command.by}`);
  if (!counts(command).every(isCount)) return reject('BAD_USER_INPUT', 'counts must be whole numbers, zero or more');
  const { programme, effectiveDate, sourceRef } = command;
  if (command.type === 'LaunchProgramme') {
    if (current) return reject('CONFLICT', `programme ${programme} was launched on ${current.launchedOn}`);
    const { title, target, targetDeserters } = command;
    const tooMany = exceeds('target of deserters', targetDeserters, target, 'of the overall target');
    if (tooMany) return tooMany;
    return [{ type: 'ProgrammeLaunched', data: { programme, title, leadBody: command.by, target, targetDeserters, effectiveDate, sourceRef } }];
  }
  if (!state) {
    if (!current) return reject('NOT_FOUND', `programme ${programme} has not been launched`);
    return reject('BAD_USER_INPUT', `${effectiveDate} is before ${programme} was launched (${current.launchedOn})`);
  }
  if (command.type === 'AnnounceEligibleCandidates') {
    return [{ type: 'EligibleCandidatesAnnounced', data: { programme, count: command.count, effectiveDate, sourceRef } }];
  }
  const tranche = state.tranches[command.tranche];
  if (command.type === 'RegisterTranche') return register(command);
  if (!tranche) {
    const later = current?.tranches[command.tranche];
    if (!later) return reject('NOT_FOUND', `${programme} has no tranche ${command.tranche}`);
    return reject('BAD_USER_INPUT', `${effectiveDate} is before tranche ${later.id} was registered (${later.registeredOn})`);
  }
  return decideTranche(command, tranche);
}

function register(command: Extract<ProgrammeCommand, { type: 'RegisterTranche' }>): Decision<ProgrammeEvent> {
  const { programme, tranche: id, count, deserters, effectiveDate, sourceRef } = command;
  if (count === 0) return reject('BAD_USER_INPUT', 'a registration needs at least one ex-combatant');
  const tooMany = exceeds('deserters', deserters, count, 'registered');
  if (tooMany) return tooMany;
  return [{ type: 'TrancheRegistered', data: { programme, tranche: id, count, deserters, effectiveDate, sourceRef } }];
}

function decideTranche(
  command: Exclude<ProgrammeCommand, { type: 'LaunchProgramme' | 'AnnounceEligibleCandidates' | 'RegisterTranche' }>,
  tranche: Tranche,
): Decision<ProgrammeEvent> {
  const { programme, tranche: id, effectiveDate, sourceRef } = command;
  const base = { programme, tranche: id, effectiveDate, sourceRef };
  switch (command.type) {
    case 'ScreenTranche': {
      const { fit, unfit } = command;
      if (fit + unfit === 0) return reject('BAD_USER_INPUT', 'a screening needs at least one ex-combatant');
      const unscreened = tranche.registered - tranche.screenedFit - tranche.screenedUnfit;
      const refusal = exceeds('screened', fit + unfit, unscreened, `registered and not yet screened in ${id}`);
      if (refusal) return refusal;
      const screened: ProgrammeEvent = { type: 'TrancheScreened', data: { ...base, fit, unfit } };
      return unfit > 0 ? [screened, { type: 'UnfitReferredToReinsertion', data: { ...base, count: unfit } }] : [screened];
    }
    case 'RecordWeaponsHandover':
      if (command.weapons === 0) return reject('BAD_USER_INPUT', 'a handover needs at least one weapon');
      return [{ type: 'WeaponsHandedOver', data: { ...base, weapons: command.weapons } }];
    case 'StartTraining': {
      const { centre, count } = command;
      const room = tranche.screenedFit - sum(tranche.inTraining) - sum(tranche.trained);
      return (
        positive(count) ??
        exceeds('trainees', count, room, `screened fit in ${id} and not yet in training`) ?? [{ type: 'TrainingStarted', data: { ...base, centre, count } }]
      );
    }
    case 'CompleteTraining': {
      const { centre, count } = command;
      return (
        positive(count) ??
        exceeds('graduates', count, tranche.inTraining[centre] ?? 0, `in training at ${centre} in ${id}`) ?? [
          { type: 'TrainingCompleted', data: { ...base, centre, count } },
        ]
      );
    }
    case 'IntegrateTranche': {
      const { count } = command;
      return (
        positive(count) ??
        exceeds('integrations', count, sum(tranche.trained) - tranche.integrated, `trained and not yet integrated in ${id}`) ?? [
          { type: 'TrancheIntegrated', data: { ...base, count } },
        ]
      );
    }
    case 'RedeployTranche': {
      const { region, count } = command;
      return (
        positive(count) ??
        exceeds('redeployments', count, tranche.integrated - sum(tranche.redeployed), `integrated and not yet redeployed in ${id}`) ?? [
          { type: 'TrancheRedeployed', data: { ...base, region, count } },
        ]
      );
    }
    default:
      return assertNever(command);
  }
}

const positive = (count: number) => (count > 0 ? undefined : reject('BAD_USER_INPUT', 'the count must be at least 1'));

/** The invariants of a tranche, which every act must leave true at its place in effective-date order. */
function trancheProblem(t: Tranche): string | undefined {
  const trained = sum(t.trained);
  if (t.deserters > t.registered) return `${t.deserters} deserters exceed the ${t.registered} registered in ${t.id}`;
  if (t.screenedFit + t.screenedUnfit > t.registered) return `${t.screenedFit + t.screenedUnfit} screened exceed the ${t.registered} registered in ${t.id}`;
  if (sum(t.inTraining) + trained > t.screenedFit)
    return `${sum(t.inTraining) + trained} in or through training exceed the ${t.screenedFit} screened fit in ${t.id}`;
  if (Object.values(t.inTraining).some((n) => n < 0)) return `more completed training than started it at a centre in ${t.id}`;
  if (t.integrated > trained) return `${t.integrated} integrated exceed the ${trained} trained in ${t.id}`;
  if (sum(t.redeployed) > t.integrated) return `${sum(t.redeployed)} redeployed exceed the ${t.integrated} integrated in ${t.id}`;
  return undefined;
}

function checkPlace(before: ProgrammeState, event: ProgrammeEvent, after: ProgrammeState): Rejection | undefined {
  const { programme, effectiveDate } = event.data;
  if (event.type === 'ProgrammeLaunched') {
    if (before) return reject('CONFLICT', `programme ${programme} was launched on ${before.launchedOn}`);
    return exceeds('target of deserters', event.data.targetDeserters, event.data.target, 'of the overall target');
  }
  if (!before) return reject('BAD_USER_INPUT', `${programme} was not yet launched on ${effectiveDate}`);
  if (event.type === 'EligibleCandidatesAnnounced') return undefined;
  const { tranche } = event.data;
  if (event.type !== 'TrancheRegistered' && !before.tranches[tranche]) {
    return reject('BAD_USER_INPUT', `tranche ${tranche} of ${programme} was not yet registered on ${effectiveDate}`);
  }
  const problem = trancheProblem((after as Programme).tranches[tranche]);
  return problem ? reject('BAD_USER_INPUT', problem) : undefined;
}

export const programmeDecider = chronicled<ProgrammeCommand, ProgrammeEvent, ProgrammeState>({
  initialState: () => null,
  decide: decideProgramme,
  evolve: evolveProgramme,
  check: checkPlace,
  // The unfit are referred in the same act as their screening, and as many.
  consequences: ['UnfitReferredToReinsertion'],
  rederive: (cause, referral) =>
    cause.type === 'TrancheScreened' ? ({ ...referral, data: { ...referral.data, count: cause.data.unfit } } as ProgrammeEvent) : referral,
  figures: {
    ProgrammeLaunched: ['target', 'targetDeserters'],
    EligibleCandidatesAnnounced: ['count'],
    TrancheRegistered: ['count', 'deserters'],
    TrancheScreened: ['fit', 'unfit'],
    WeaponsHandedOver: ['weapons'],
    TrainingStarted: ['count'],
    TrainingCompleted: ['count'],
    TrancheIntegrated: ['count'],
    TrancheRedeployed: ['count'],
  },
});
