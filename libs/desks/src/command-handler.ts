import { Inject, Optional, type Type } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DecisionRunner, type CommandOutcome } from '@ddr/decision-runner';
import { inSpan, METRICS, NO_METRICS, outcomeOf, type OperationsMetrics } from '@ddr/telemetry';
import { CommandGate } from './command-gate';
import type { AnyCommandDescriptor } from './command-descriptor';
import type { CommandInputBase, DeskCommand } from './desk-command';

/**
 * The bus handler of a described command: admit it at the gate, then decide and append through the runner,
 * in a `command <kind>` span, counted by body and outcome.
 */
export function commandHandler(descriptor: AnyCommandDescriptor): Type<ICommandHandler<DeskCommand, CommandOutcome>> {
  @CommandHandler(descriptor.busCommand)
  class Handler implements ICommandHandler<DeskCommand, CommandOutcome> {
    constructor(
      @Inject(CommandGate) private readonly gate: CommandGate,
      @Inject(DecisionRunner) private readonly runner: DecisionRunner,
      @Optional() @Inject(METRICS) private readonly metrics: OperationsMetrics = NO_METRICS,
    ) {}

    async execute(command: DeskCommand): Promise<CommandOutcome> {
      const started = performance.now();
      const attributes = { 'ddr.command': descriptor.kind, 'ddr.body': command.actor.body, 'ddr.correlation_id': command.correlationId ?? '' };
      try {
        const outcome = await inSpan(`command ${descriptor.kind}`, attributes, () => this.decide(command));
        this.measure(command, outcome.replayed ? 'replayed' : 'accepted', started);
        return outcome;
      } catch (error) {
        this.measure(command, outcomeOf(error), started);
        throw error;
      }
    }

    private async decide(command: DeskCommand): Promise<CommandOutcome> {
      const { input, context } = await this.gate.admit<CommandInputBase>(command, descriptor.input);
      const decision: unknown = descriptor.command(input, command.actor.body);
      await descriptor.requires?.(input, this.runner);
      return this.runner.run(descriptor.decider, descriptor.stream(input), decision, context, descriptor.linked?.(input, decision));
    }

    private measure(command: DeskCommand, outcome: string, started: number): void {
      this.metrics.command(descriptor.kind, command.actor.body, outcome, (performance.now() - started) / 1000);
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${descriptor.kind}Handler` });
  return Handler;
}
