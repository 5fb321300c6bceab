import { Module } from '@nestjs/common';
import { BodyDeskModule } from '@ddr/desks';
import { CoordinationModule, SHARED_COMMAND_KINDS } from '@ddr/coordination';

/**
 * The Agreement Monitoring Committee (CSA) and its Sub-Committee on Defence
 * and Security (SCDS), which gives final adoption to what the CTS recommends
 * and decides the integration quota. Two desks, one module: the SCDS is part
 * of the CSA but decides in its own name.
 */
@Module({ imports: [CoordinationModule] })
export class CsaModule extends BodyDeskModule {
  protected readonly desk = [
    { body: 'CSA' as const, commands: SHARED_COMMAND_KINDS },
    { body: 'SCDS' as const, commands: SHARED_COMMAND_KINDS },
  ];
}
