import { Module } from '@nestjs/common';
import { BodyDeskModule, deskOf, issues } from '@ddr/desks';
import { COORDINATION_COMMANDS, CoordinationModule } from '@ddr/coordination/desk';
import { PROGRAMME_COMMANDS, ProgrammesModule } from '@ddr/programmes/desk';

/**
 * The National DDR Commission's secretariat: besides the shared acts, it runs the DDR programmes (ADDR-I):
 * launch, the announcement of eligible candidates, registration, screening, weapons handover and training.
 */
export const CNDDR_PROGRAMME_COMMANDS = PROGRAMME_COMMANDS.filter((command) => issues('CNDDR', command));
export const CNDDR_DESK = deskOf('CNDDR', [...COORDINATION_COMMANDS, ...CNDDR_PROGRAMME_COMMANDS]);

@Module({ imports: [CoordinationModule, ProgrammesModule] })
export class CnddrModule extends BodyDeskModule {
  protected readonly desks = [CNDDR_DESK];
}
