import { reject, type Decider, type Decision } from '@ddr/kernel';
import type { EstablishMocCamp } from './moc-camp.commands';
import type { MocCampEstablished } from './moc-camp.events';
import type { MocCamps } from './moc-camp.state';

export function decideMocCamp(command: EstablishMocCamp, camps: MocCamps): Decision<MocCampEstablished> {
  if (command.by !== 'MOC') return reject('FORBIDDEN', 'only the MOC secretariat records its camps');
  const established = camps[command.camp];
  if (established) return reject('CONFLICT', `the MOC camp in ${command.camp} was established on ${established}`);
  const { camp, effectiveDate, source } = command;
  return [{ type: 'MocCampEstablished', data: { camp, effectiveDate, source } }];
}

export const mocCampDecider: Decider<EstablishMocCamp, MocCampEstablished, MocCamps> = {
  initialState: () => ({}),
  decide: decideMocCamp,
  evolve: (camps, { data }) => ({ ...camps, [data.camp]: data.effectiveDate }),
};
