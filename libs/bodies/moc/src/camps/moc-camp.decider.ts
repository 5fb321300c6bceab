import { reject, type Body, type CalendarDate, type Decider, type Decision, type DomainEvent } from '@ddr/kernel';

/** The regions where the 2016 agreement deploys the MOC. */
export const MOC_CAMPS = ['GAO', 'TIMBUKTU', 'KIDAL'] as const;
export type MocCamp = (typeof MOC_CAMPS)[number];

export type MocCampEstablished = DomainEvent<'MocCampEstablished', { camp: MocCamp; sourceRef: string | null }>;
export type EstablishMocCamp = { type: 'EstablishMocCamp'; by: Body; camp: MocCamp; effectiveDate: CalendarDate; sourceRef: string | null };
export type MocCamps = Partial<Record<MocCamp, CalendarDate>>;

export const MOC_CAMPS_STREAM = 'moc-camps';

export function decideMocCamp(command: EstablishMocCamp, camps: MocCamps): Decision<MocCampEstablished> {
  if (command.by !== 'MOC') return reject('FORBIDDEN', 'only the MOC secretariat records its camps');
  const established = camps[command.camp];
  if (established) return reject('CONFLICT', `the MOC camp in ${command.camp} was established on ${established}`);
  const { camp, effectiveDate, sourceRef } = command;
  return [{ type: 'MocCampEstablished', data: { camp, effectiveDate, sourceRef } }];
}

export const mocCampDecider: Decider<EstablishMocCamp, MocCampEstablished, MocCamps> = {
  initialState: () => ({}),
  decide: decideMocCamp,
  evolve: (camps, { data }) => ({ ...camps, [data.camp]: data.effectiveDate }),
};
