import { Module } from '@nestjs/common';
import { BodyDeskModule, commandHandler, deskOf } from '@ddr/desks';
import { COORDINATION_COMMANDS, CoordinationModule } from '@ddr/coordination/desk';
import { MOC_CAMP_COMMANDS } from './camps/moc-camp.descriptors';

/** The Operational Coordination Mechanism: joint FAMa and movement units, with camps in Gao, Timbuktu and Kidal. */
export const MOC_DESK = deskOf('MOC', [...COORDINATION_COMMANDS, ...MOC_CAMP_COMMANDS]);

@Module({ imports: [CoordinationModule], providers: MOC_CAMP_COMMANDS.map(commandHandler) })
export class MocModule extends BodyDeskModule {
  protected readonly desks = [MOC_DESK];
}
