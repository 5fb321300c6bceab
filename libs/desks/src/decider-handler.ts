import { Inject, type Type } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Body } from '@ddr/kernel';
import type { Decider, DomainEvent } from '@ddr/kernel';
import { DecisionRunner, type CommandContext, type CommandOutcome } from '@ddr/decision-runner';
import { CommandGate } from './command-gate';
import type { CommandInputBase, DeskCommand, DeskCommandType } from './desk-command';

export interface DeciderHandlerSpec<Input extends CommandInputBase, Command, Event extends DomainEvent, State> {
  input: new () => Input;
  decider: Decider<Command, Event, State>;
  /** The stream the command decides on. */
  stream(input: Input): string;
  /** The domain command, given the validated input and the acting body. */
  command(input: Input, by: Body): NoInfer<Command>;
  /** Work on other streams that must succeed first (checking a referenced stream, citing a meeting). */
  before?(input: Input, command: Command, run: { runner: DecisionRunner; context: CommandContext; stream: string }): Promise<void>;
}

/** The handler of a command that is one decision on one stream: admit, then decide and append. */
export function deciderHandler<Input extends CommandInputBase, Command, Event extends DomainEvent, State>(
  commandType: DeskCommandType<Input>,
  spec: DeciderHandlerSpec<NoInfer<Input>, Command, Event, State>,
): Type<ICommandHandler<DeskCommand<Input>, CommandOutcome>> {
  @CommandHandler(commandType)
  class Handler implements ICommandHandler<DeskCommand<Input>, CommandOutcome> {
    constructor(
      @Inject(CommandGate) private readonly gate: CommandGate,
      @Inject(DecisionRunner) private readonly runner: DecisionRunner,
    ) {}

    async execute(command: DeskCommand<Input>): Promise<CommandOutcome> {
      const { input, context } = await this.gate.admit(command, spec.input);
      const [stream, decision] = [spec.stream(input), spec.command(input, command.actor.body)];
      await spec.before?.(input, decision, { runner: this.runner, context, stream });
      return this.runner.run(spec.decider, stream, decision, context);
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${commandType.kind}Handler` });
  return Handler;
}
