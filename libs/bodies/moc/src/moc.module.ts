import { Module } from '@nestjs/common';
import { BodyDeskModule } from '@ddr/desks';
import { CoordinationModule, SHARED_COMMAND_KINDS } from '@ddr/coordination';
import { EstablishMocCampCommand, EstablishMocCampHandler } from './camps/moc-camp.handlers';

/** The Operational Coordination Mechanism: joint FAMa and movement units, with camps in Gao, Timbuktu and Kidal. */
@Module({ imports: [CoordinationModule], providers: [EstablishMocCampHandler] })
export class MocModule extends BodyDeskModule {
  protected readonly desk = { body: 'MOC' as const, commands: [...SHARED_COMMAND_KINDS, EstablishMocCampCommand.kind] };
}
