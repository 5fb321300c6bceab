import type { DomainEvent, Source } from '@ddr/kernel';

/** The regions where the 2016 agreement deploys the MOC. */
export const MOC_CAMPS = ['GAO', 'TIMBUKTU', 'KIDAL'] as const;
export type MocCamp = (typeof MOC_CAMPS)[number];

export type MocCampEstablished = DomainEvent<'MocCampEstablished', { camp: MocCamp; source: Source }>;

export const MOC_CAMPS_STREAM = 'moc-camps';
