import { Module } from '@nestjs/common';
import { BodyDeskModule, deskOf } from '@ddr/desks';
import { COORDINATION_COMMANDS, CoordinationModule } from '@ddr/coordination/desk';

/**
 * The Agreement Monitoring Committee (CSA) and its Sub-Committee on Defence and Security (SCDS), which gives
 * final adoption to what the CTS recommends and decides the integration quota. Two desks, one module: the
 * SCDS is part of the CSA but decides in its own name.
 */
export const CSA_DESK = deskOf('CSA', COORDINATION_COMMANDS);
export const SCDS_DESK = deskOf('SCDS', COORDINATION_COMMANDS);

@Module({ imports: [CoordinationModule] })
export class CsaModule extends BodyDeskModule {
  protected readonly desks = [CSA_DESK, SCDS_DESK];
}
