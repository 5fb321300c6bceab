import { Module } from '@nestjs/common';
import { BodyDeskModule } from '@ddr/desks';
import { CoordinationModule, SHARED_COMMAND_KINDS } from '@ddr/coordination';

/** The Technical Security Committee: it reviews and approves security instruments at its numbered meetings (CTS-41). */
@Module({ imports: [CoordinationModule] })
export class CtsModule extends BodyDeskModule {
  protected readonly desk = { body: 'CTS' as const, commands: SHARED_COMMAND_KINDS };
}
