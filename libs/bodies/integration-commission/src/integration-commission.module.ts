import { Module } from '@nestjs/common';
import { BodyDeskModule } from '@ddr/desks';
import { CoordinationModule, SHARED_COMMAND_KINDS } from '@ddr/coordination';
import { programmeDesk } from '@ddr/programmes';

const programmes = programmeDesk('INTEGRATION_COMMISSION');

/** The Integration Commission's secretariat: it integrates trained tranches into the forces and redeploys them. */
@Module({ imports: [CoordinationModule], providers: [...programmes.handlers] })
export class IntegrationCommissionModule extends BodyDeskModule {
  protected readonly desk = { body: 'INTEGRATION_COMMISSION' as const, commands: [...SHARED_COMMAND_KINDS, ...programmes.commands] };
}
