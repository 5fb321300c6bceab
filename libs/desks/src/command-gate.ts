import { Inject, Injectable } from '@nestjs/common';
import { reject } from '@ddr/kernel';
import { CommandRejectedError, type CommandContext } from '@ddr/decision-runner';
import { validateInput } from './command-input';
import type { DeskCommand, DeskCommandType, CommandInputBase } from './desk-command';
import { DeskRegistry } from './desks';

/**
 * Every command passes here before any stream is read: the caller must be a
 * secretariat, its body's desk must issue this command, and the input must be
 * valid. Whatever fails here has written nothing.
 */
@Injectable()
export class CommandGate {
  constructor(@Inject(DeskRegistry) private readonly desks: DeskRegistry) {}

  async admit<Input extends CommandInputBase>(command: DeskCommand<Input>, inputType: new () => Input): Promise<{ input: Input; context: CommandContext }> {
    const { actor } = command;
    const kind = (command.constructor as DeskCommandType).kind;
    if (actor.role !== 'SECRETARIAT') {
      throw new CommandRejectedError(reject('FORBIDDEN', `${kind} is for secretariats; a ${actor.role} may only read`));
    }
    if (!this.desks.mayIssue(actor.body, kind)) {
      throw new CommandRejectedError(reject('FORBIDDEN', `the ${actor.body} secretariat does not issue ${kind}`));
    }
    const input = await validateInput(inputType, command.input);
    return {
      input,
      context: {
        actor,
        commandId: input.commandId ?? undefined,
        expectedRevision: input.expectedRevision ?? undefined,
        correlationId: command.correlationId,
      },
    };
  }
}
