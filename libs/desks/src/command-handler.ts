import { Inject, type Type } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DecisionRunner, type CommandOutcome } from '@ddr/decision-runner';
import { CommandGate } from './command-gate';
import type { AnyCommandDescriptor } from './command-descriptor';
import type { CommandInputBase, DeskCommand } from './desk-command';

/** The bus handler of a described command: admit it at the gate, then decide and append through the runner. */
export function commandHandler(descriptor: AnyCommandDescriptor): Type<ICommandHandler<DeskCommand, CommandOutcome>> {
  @CommandHandler(descriptor.busCommand)
  class Handler implements ICommandHandler<DeskCommand, CommandOutcome> {
    constructor(
      @Inject(CommandGate) private readonly gate: CommandGate,
      @Inject(DecisionRunner) private readonly runner: DecisionRunner,
    ) {}

    async execute(command: DeskCommand): Promise<CommandOutcome> {
      const { input, context } = await this.gate.admit<CommandInputBase>(command, descriptor.input);
      const decision: unknown = descriptor.command(input, command.actor.body);
      await descriptor.requires?.(input, this.runner);
      return this.runner.run(descriptor.decider, descriptor.stream(input), decision, context, descriptor.linked?.(input, decision));
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${descriptor.kind}Handler` });
  return Handler;
}
