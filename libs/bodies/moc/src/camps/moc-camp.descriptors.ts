import { describeCommand, sourceFrom } from '@ddr/desks';
import { mocCampDecider } from './moc-camp.decider';
import { MOC_CAMPS_STREAM } from './moc-camp.events';
import { EstablishMocCampInput, RecordJointPatrolInput } from './moc-camp.inputs';

export const establishMocCamp = describeCommand({
  name: 'establishMocCamp',
  description: 'MOC: a camp is established (Gao, Timbuktu, Kidal).',
  issuedBy: ['MOC'],
  input: EstablishMocCampInput,
  example: () => ({ camp: 'GAO', effectiveDate: '2017-01-15' }),
  decider: mocCampDecider,
  stream: () => MOC_CAMPS_STREAM,
  command: (i, by) => ({ type: 'EstablishMocCamp' as const, by, camp: i.camp, effectiveDate: i.effectiveDate, source: sourceFrom(i) }),
});

export const recordJointPatrol = describeCommand({
  name: 'recordJointPatrol',
  description: 'MOC: joint patrols around one of its camps on a day.',
  issuedBy: ['MOC'],
  input: RecordJointPatrolInput,
  example: () => ({ camp: 'GAO', patrols: 1, effectiveDate: '2017-02-01' }),
  decider: mocCampDecider,
  stream: () => MOC_CAMPS_STREAM,
  command: (i, by) => ({
    type: 'RecordJointPatrol' as const,
    by,
    camp: i.camp,
    patrols: i.patrols ?? null,
    effectiveDate: i.effectiveDate,
    source: sourceFrom(i),
  }),
});

export const MOC_CAMP_COMMANDS = [establishMocCamp, recordJointPatrol];
