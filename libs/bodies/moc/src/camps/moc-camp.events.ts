import type { DomainEvent, Source } from '@ddr/kernel';

/** The regions where the 2016 agreement deploys the MOC. */
export const MOC_CAMPS = ['GAO', 'TIMBUKTU', 'KIDAL'] as const;
export type MocCamp = (typeof MOC_CAMPS)[number];

export type MocCampEstablished = DomainEvent<'MocCampEstablished', { camp: MocCamp; source: Source }>;
/** Joint FAMa and movement patrols around a camp, the MOC's one task while cantonment waits; `patrols` null when not counted. */
export type JointPatrolConducted = DomainEvent<'JointPatrolConducted', { camp: MocCamp; patrols: number | null; source: Source }>;
export type MocCampEvent = MocCampEstablished | JointPatrolConducted;

export const MOC_CAMPS_STREAM = 'moc-camps';
