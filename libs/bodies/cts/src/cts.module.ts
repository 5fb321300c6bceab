import { Module } from '@nestjs/common';
import { BodyDeskModule, deskOf } from '@ddr/desks';
import { COORDINATION_COMMANDS, CoordinationModule } from '@ddr/coordination/desk';

/**
 * The Technical Security Committee: it reviews and approves security instruments at its numbered meetings
 * (CTS-41 approved the 2019-2021 redeployment plan). Its desk issues the commands every secretariat shares,
 * no others: what it decides is told by its steps on instruments' pathways and its meetings.
 */
export const CTS_DESK = deskOf('CTS', COORDINATION_COMMANDS);

@Module({ imports: [CoordinationModule] })
export class CtsModule extends BodyDeskModule {
  protected readonly desks = [CTS_DESK];
}
