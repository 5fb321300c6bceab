import { CNDDR_DESK } from '@ddr/bodies/cnddr';
import { CSA_DESK, SCDS_DESK } from '@ddr/bodies/csa';
import { CTS_DESK } from '@ddr/bodies/cts';
import { INTEGRATION_COMMISSION_DESK } from '@ddr/bodies/integration-commission';
import { MOC_DESK } from '@ddr/bodies/moc';
import type { AnyCommandDescriptor } from '@ddr/desks';

/** Every secretariat's desk, one per coordinating body. */
export const DESKS = [CNDDR_DESK, INTEGRATION_COMMISSION_DESK, CSA_DESK, SCDS_DESK, CTS_DESK, MOC_DESK];

/** Every desk command once, by its public name: the GraphQL mutations and the scenario files use these names. */
export const DESK_COMMANDS: readonly AnyCommandDescriptor[] = [...new Set(DESKS.flatMap((desk) => desk.commands))];

export const deskCommandNamed = (name: string): AnyCommandDescriptor | undefined => DESK_COMMANDS.find((command) => command.name === name);
