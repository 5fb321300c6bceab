import { Module } from '@nestjs/common';
import { BodyDeskModule, deskOf, issues } from '@ddr/desks';
import { COORDINATION_COMMANDS, CoordinationModule } from '@ddr/coordination/desk';
import { PROGRAMME_COMMANDS, ProgrammesModule } from '@ddr/programmes/desk';

/** The Integration Commission's secretariat: it integrates trained tranches into the forces and redeploys them. */
export const INTEGRATION_COMMISSION_PROGRAMME_COMMANDS = PROGRAMME_COMMANDS.filter((command) => issues('INTEGRATION_COMMISSION', command));
export const INTEGRATION_COMMISSION_DESK = deskOf('INTEGRATION_COMMISSION', [...COORDINATION_COMMANDS, ...INTEGRATION_COMMISSION_PROGRAMME_COMMANDS]);

@Module({ imports: [CoordinationModule, ProgrammesModule] })
export class IntegrationCommissionModule extends BodyDeskModule {
  protected readonly desks = [INTEGRATION_COMMISSION_DESK];
}
