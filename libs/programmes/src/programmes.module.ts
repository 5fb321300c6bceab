import { Module } from '@nestjs/common';
import { commandHandler } from '@ddr/desks';
import { PROGRAMME_COMMANDS } from './programme.descriptors';

/**
 * Each programme command's handler, once: a command two bodies may issue (`correctProgrammeAct`, by the CNDDR
 * and the Integration Commission) was registered by both body modules, the second overriding the first.
 */
@Module({ providers: PROGRAMME_COMMANDS.map(commandHandler) })
export class ProgrammesModule {}
