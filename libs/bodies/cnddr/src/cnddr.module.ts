import { Module } from '@nestjs/common';
import { BodyDeskModule } from '@ddr/desks';
import { CoordinationModule, SHARED_COMMAND_KINDS } from '@ddr/coordination';
import { programmeDesk } from '@ddr/programmes';

const programmes = programmeDesk('CNDDR');

/**
 * The National DDR Commission's secretariat: besides the shared acts, it runs
 * the DDR programmes (ADDR-I): launch, registration, screening, weapons
 * handover, training, and the announcement of eligible candidates.
 */
@Module({ imports: [CoordinationModule], providers: [...programmes.handlers] })
export class CnddrModule extends BodyDeskModule {
  protected readonly desk = { body: 'CNDDR' as const, commands: [...SHARED_COMMAND_KINDS, ...programmes.commands] };
}
