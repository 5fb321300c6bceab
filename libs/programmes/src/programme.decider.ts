import { assertNever, chronicled, reject, type Decision, type Rejection } from '@ddr/kernel';
import { PROGRAMME_DESKS, type ProgrammeCommand } from './programme.commands';
import type { ProgrammeEvent } from './programme.events';
import { breakdownOf, breakdownProblem, type Breakdown, type BreakdownDimension, type CategoryCount } from './programme-breakdown.state';
import { evolveProgramme, splitOf, sum, UNREPORTED_CENTRE, type Programme, type ProgrammeState, type Tranche } from './programme.state';

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Refuses a command whose counts would break an invariant; the message names the numbers. */
function exceeds(what: string, count: number, room: number, of: string): Rejection | undefined {
  return count > room ? reject('BAD_USER_INPUT', `${what} ${count} exceeds the ${room} ${of}`) : undefined;
}

/** The command's counts; an unreported one (null) is not a count to check. */
function counts(command: ProgrammeCommand): Array<number | null> {
  switch (command.type) {
    case 'LaunchProgramme':
      return [command.target, command.targetDeserters];
    case 'DesignateTrainingCentre':
      return [];
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
  if (!counts(command).every((n) => n === null || isCount(n))) return reject('BAD_USER_INPUT', 'counts must be whole numbers, zero or more');
  const { programme, effectiveDate, source } = command;
  if (command.type === 'LaunchProgramme') {
    if (current) return reject('CONFLICT', `programme ${programme} was launched on ${current.launchedOn}`);
    const { title, target, targetDeserters, supportedBy } = command;
    const tooMany = exceeds('target of deserters', targetDeserters, target, 'of the overall target');
    if (tooMany) return tooMany;
    if (supportedBy.includes(command.by)) return reject('BAD_USER_INPUT', `${command.by} leads ${programme}; supportedBy names the others`);
    return [
      {
        type: 'ProgrammeLaunched',
        data: { programme, title, leadBody: command.by, supportedBy: [...new Set(supportedBy)], target, targetDeserters, effectiveDate, source },
      },
    ];
  }
  if (!state) {
    if (!current) return reject('NOT_FOUND', `programme ${programme} has not been launched`);
    return reject('BAD_USER_INPUT', `${effectiveDate} is before ${programme} was launched (${current.launchedOn})`);
  }
  if (command.type === 'AnnounceEligibleCandidates') {
    return [{ type: 'EligibleCandidatesAnnounced', data: { programme, count: command.count, effectiveDate, source } }];
  }
  if (command.type === 'DesignateTrainingCentre') {
    const { centre, region } = command;
    const designated = state.trainingCentres[centre];
    if (designated) return reject('CONFLICT', `${centre} is already a training centre of ${programme}, in ${designated.region}`);
    return [{ type: 'TrainingCentreDesignated', data: { programme, centre, region, effectiveDate, source } }];
  }
  const tranche = state.tranches[command.tranche];
  const centres = Object.keys(state.trainingCentres);
  if (command.type === 'RegisterTranche') return split(command.breakdown, command.count, BEFORE_TRAINING, centres, (breakdown) => register(command, breakdown));
  if (!tranche) {
    const later = current?.tranches[command.tranche];
    if (!later) return reject('NOT_FOUND', `${programme} has no tranche ${command.tranche}`);
    return reject('BAD_USER_INPUT', `${effectiveDate} is before tranche ${later.id} was registered (${later.registeredOn})`);
  }
  return decideTranche(command, tranche, centres);
}

/** Who is counted before training has a centre to count them by; once trained, by centre too. */
const BEFORE_TRAINING: readonly BreakdownDimension[] = ['MOVEMENT', 'REGION', 'RANK'];
const ONCE_TRAINED: readonly BreakdownDimension[] = [...BEFORE_TRAINING, 'CENTRE'];

/** Decides an act whose count may be broken down, once its breakdown is found sound on its own. */
function split(
  reported: readonly CategoryCount[],
  count: number,
  allowed: readonly BreakdownDimension[],
  centres: readonly string[],
  decide: (breakdown: Breakdown) => Decision<ProgrammeEvent>,
): Decision<ProgrammeEvent> {
  const breakdown = breakdownOf(reported, count, allowed, centres);
  return typeof breakdown === 'string' ? reject('BAD_USER_INPUT', breakdown) : decide(breakdown);
}

function register(command: Extract<ProgrammeCommand, { type: 'RegisterTranche' }>, breakdown: Breakdown): Decision<ProgrammeEvent> {
  const { programme, tranche: id, count, deserters, effectiveDate, source } = command;
  if (count === 0) return reject('BAD_USER_INPUT', 'a registration needs at least one ex-combatant');
  const tooMany = deserters === null ? undefined : exceeds('deserters', deserters, count, 'registered');
  if (tooMany) return tooMany;
  return [{ type: 'TrancheRegistered', data: { programme, tranche: id, count, deserters, breakdown, effectiveDate, source } }];
}

function decideTranche(
  command: Exclude<ProgrammeCommand, { type: 'LaunchProgramme' | 'AnnounceEligibleCandidates' | 'DesignateTrainingCentre' | 'RegisterTranche' }>,
  tranche: Tranche,
  centres: readonly string[],
): Decision<ProgrammeEvent> {
  const { programme, tranche: id, effectiveDate, source } = command;
  const base = { programme, tranche: id, effectiveDate, source };
  switch (command.type) {
    case 'ScreenTranche': {
      // An unreported unfit count is checked as none: the invariants hold for what is known.
      const { fit, unfit } = command;
      if (fit === 0 && !unfit) return reject('BAD_USER_INPUT', 'a screening needs at least one ex-combatant');
      const unscreened = tranche.registered - tranche.screenedFit - tranche.screenedUnfit;
      const refusal = exceeds('screened', fit + (unfit ?? 0), unscreened, `registered and not yet screened in ${id}`);
      if (refusal) return refusal;
      return split(command.breakdown, fit, BEFORE_TRAINING, centres, (breakdown) => {
        const screened: ProgrammeEvent = { type: 'TrancheScreened', data: { ...base, fit, unfit, breakdown } };
        return unfit ? [screened, { type: 'UnfitReferredToReinsertion', data: { ...base, count: unfit } }] : [screened];
      });
    }
    case 'RecordWeaponsHandover':
      if (command.weapons === 0) return reject('BAD_USER_INPUT', 'a handover needs at least one weapon');
      return [{ type: 'WeaponsHandedOver', data: { ...base, weapons: command.weapons } }];
    case 'StartTraining': {
      // An unreported number of trainees needs at least one screened fit ex-combatant not yet in training.
      const { centre, count } = command;
      const room = tranche.screenedFit - sum(tranche.inTraining) - sum(tranche.trained);
      return (
        positive(count ?? 1) ??
        exceeds('trainees', count ?? 1, room, `screened fit in ${id} and not yet in training`) ?? [
          { type: 'TrainingStarted', data: { ...base, centre, count } },
        ]
      );
    }
    case 'CompleteTraining': {
      // Where the number in training is unreported, graduates are bounded by the screened fit not yet trained.
      const { centre, count } = command;
      const at = centre ?? 'an unreported centre';
      const [room, of] = tranche.unreported.includes('inTraining')
        ? [tranche.screenedFit - sum(tranche.trained), `screened fit and not yet trained in ${id}`]
        : [tranche.inTraining[centre ?? UNREPORTED_CENTRE] ?? 0, `in training at ${at} in ${id}`];
      return (
        positive(count) ??
        exceeds('graduates', count, room, of) ??
        split(command.breakdown, count, BEFORE_TRAINING, centres, (breakdown) => [{ type: 'TrainingCompleted', data: { ...base, centre, count, breakdown } }])
      );
    }
    case 'IntegrateTranche': {
      const { count } = command;
      return (
        positive(count) ??
        exceeds('integrations', count, sum(tranche.trained) - tranche.integrated, `trained and not yet integrated in ${id}`) ??
        split(command.breakdown, count, ONCE_TRAINED, centres, (breakdown) => [{ type: 'TrancheIntegrated', data: { ...base, count, breakdown } }])
      );
    }
    case 'RedeployTranche': {
      const { region, count } = command;
      return (
        positive(count) ??
        exceeds('redeployments', count, tranche.integrated - sum(tranche.redeployed), `integrated and not yet redeployed in ${id}`) ??
        split(command.breakdown, count, ONCE_TRAINED, centres, (breakdown) => [{ type: 'TrancheRedeployed', data: { ...base, region, count, breakdown } }])
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
  // Where the number in training is unreported, only what went through training is known.
  const known = !t.unreported.includes('inTraining');
  const inTraining = known ? sum(t.inTraining) : 0;
  if (inTraining + trained > t.screenedFit) return `${inTraining + trained} in or through training exceed the ${t.screenedFit} screened fit in ${t.id}`;
  if (known && Object.values(t.inTraining).some((n) => n < 0)) return `more completed training than started it at a centre in ${t.id}`;
  if (t.integrated > trained) return `${t.integrated} integrated exceed the ${trained} trained in ${t.id}`;
  if (sum(t.redeployed) > t.integrated) return `${sum(t.redeployed)} redeployed exceed the ${t.integrated} integrated in ${t.id}`;
  return breakdownProblem(splitOf(t), t.id);
}

function checkPlace(before: ProgrammeState, event: ProgrammeEvent, after: ProgrammeState): Rejection | undefined {
  const { programme, effectiveDate } = event.data;
  if (event.type === 'ProgrammeLaunched') {
    if (before) return reject('CONFLICT', `programme ${programme} was launched on ${before.launchedOn}`);
    return exceeds('target of deserters', event.data.targetDeserters, event.data.target, 'of the overall target');
  }
  if (!before) return reject('BAD_USER_INPUT', `${programme} was not yet launched on ${effectiveDate}`);
  if (event.type === 'EligibleCandidatesAnnounced') return undefined;
  if (event.type === 'TrainingCentreDesignated') {
    const { centre } = event.data;
    return before.trainingCentres[centre] ? reject('CONFLICT', `${centre} was already a training centre of ${programme} on ${effectiveDate}`) : undefined;
  }
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
  unreportable: { TrancheRegistered: ['deserters'], TrancheScreened: ['unfit'], TrainingStarted: ['count'] },
});
