import { assertNever, reject, type Decider, type Decision } from '@ddr/kernel';
import type { MocCampCommand } from './moc-camp.commands';
import type { MocCampEvent } from './moc-camp.events';
import type { MocCamps } from './moc-camp.state';

export function decideMocCamp(command: MocCampCommand, camps: MocCamps): Decision<MocCampEvent> {
  if (command.by !== 'MOC') return reject('FORBIDDEN', 'only the MOC secretariat records its camps');
  const { camp, effectiveDate, source } = command;
  const established = camps[camp];
  switch (command.type) {
    case 'EstablishMocCamp':
      if (established) return reject('CONFLICT', `the MOC camp in ${camp} was established on ${established}`);
      return [{ type: 'MocCampEstablished', data: { camp, effectiveDate, source } }];
    case 'RecordJointPatrol': {
      // Patrols are around a camp: none before it stood.
      if (!established || established > effectiveDate) {
        return reject('BAD_USER_INPUT', `no MOC camp stood in ${camp} on ${effectiveDate}${established ? ` (established ${established})` : ''}`);
      }
      const { patrols } = command;
      if (patrols !== null && !(Number.isSafeInteger(patrols) && patrols > 0)) return reject('BAD_USER_INPUT', 'patrols must be a whole number, at least 1');
      return [{ type: 'JointPatrolConducted', data: { camp, patrols, effectiveDate, source } }];
    }
    default:
      return assertNever(command);
  }
}

export const mocCampDecider: Decider<MocCampCommand, MocCampEvent, MocCamps> = {
  initialState: () => ({}),
  decide: decideMocCamp,
  evolve: (camps, event) => (event.type === 'MocCampEstablished' ? { ...camps, [event.data.camp]: event.data.effectiveDate } : camps),
};
