import { Module } from '@nestjs/common';
import { commandHandler } from '@ddr/desks';
import { COORDINATION_COMMANDS } from './coordination-commands';

/** The behaviour every body shares, once: instrument lifecycle, meetings, commitments, conditions. */
@Module({ providers: COORDINATION_COMMANDS.map(commandHandler) })
export class CoordinationModule {}
