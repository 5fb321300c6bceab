import type { Body, CoordinatingBody, Decider, DomainEvent } from '@ddr/kernel';
import type { DecisionRunner, LinkedDecision } from '@ddr/decision-runner';
import { deskCommand, type CommandInputBase, type DeskCommandType } from './desk-command';

/**
 * Everything about one desk command, in one place beside its decider: its public name (the GraphQL
 * mutation and the scenario files' `command`), who issues it, its input, and how the input becomes a
 * decision on a stream. The bus command, its handler, the desks' permissions, the mutation and the
 * scenario name are all derived from it, so adding a command touches its slice folder only.
 */
export interface CommandSpec<Input extends CommandInputBase, Command, Event extends DomainEvent, State> {
  /** `recordStepDecision`: the mutation's name and the scenario files' `command`. */
  name: string;
  description: string;
  /** The secretariats whose desks issue it: every coordinating body's, or those named. */
  issuedBy: 'EVERY_SECRETARIAT' | readonly CoordinatingBody[];
  input: new () => Input;
  decider: Decider<Command, Event, State>;
  /** The stream the command decides on. */
  stream(input: NoInfer<Input>): string;
  /** The domain command, given the validated input and the acting body. */
  command(input: NoInfer<Input>, by: Body): NoInfer<Command>;
  /** A decision on a second stream, recorded atomically with this one (a decision citing a meeting). */
  linked?(input: NoInfer<Input>, command: NoInfer<Command>): LinkedDecision | undefined;
  /**
   * A plausible input when `body`'s secretariat sends the command (`n` makes its ids unique): documents the
   * command and drives the access matrix, which tries every command as every role of every body.
   */
  example(body: Body, n: number): Record<string, unknown>;
  /** A read of another stream that must hold first (the instrument that supersedes exists); writes nothing. */
  requires?(input: NoInfer<Input>, runner: DecisionRunner): Promise<void>;
}

export interface CommandDescriptor<
  Input extends CommandInputBase = CommandInputBase,
  Command = unknown,
  Event extends DomainEvent = DomainEvent,
  State = unknown,
> extends CommandSpec<Input, Command, Event, State> {
  /** `RecordStepDecision`: the command's name on the bus and in the desks' permissions. */
  kind: string;
  /** The class the edge puts on the command bus. */
  busCommand: DeskCommandType<Input>;
}

/** `RecordStepDecision` for `recordStepDecision`: a command's name on the bus, which deciders name their commands by. */
const kindOf = (name: string) => name[0].toUpperCase() + name.slice(1);

/** Declares a desk command: the one place its name, issuers, input and decision are written. */
export function describeCommand<Input extends CommandInputBase, Command, Event extends DomainEvent, State>(
  spec: CommandSpec<Input, Command, Event, State>,
): CommandDescriptor<Input, Command, Event, State> {
  const kind = kindOf(spec.name);
  return { ...spec, kind, busCommand: deskCommand<Input>(kind) };
}

type Issuers = CommandSpec<CommandInputBase, unknown, DomainEvent, unknown>['issuedBy'];

/**
 * The commands of one aggregate share its decider, how an input names its stream and who issues them: declared
 * once, each command then says only what is its own.
 */
export const aggregateCommands =
  <Command, Event extends DomainEvent, State, Base extends CommandInputBase>(aggregate: {
    decider: Decider<Command, Event, State>;
    stream: (input: Base) => string;
    /** Who issues each command, by its kind (`RegisterTranche`). */
    issuedBy: Issuers | ((kind: string) => Issuers);
  }) =>
  <Input extends Base>(spec: Omit<CommandSpec<Input, Command, Event, State>, 'decider' | 'stream' | 'issuedBy'>) =>
    describeCommand<Input, Command, Event, State>({
      ...spec,
      decider: aggregate.decider,
      stream: aggregate.stream,
      issuedBy: typeof aggregate.issuedBy === 'function' ? aggregate.issuedBy(kindOf(spec.name)) : aggregate.issuedBy,
    });

/** Whether `body`'s secretariat issues the command. */
export const issues = (body: Body, descriptor: Pick<CommandDescriptor, 'issuedBy'>): boolean =>
  descriptor.issuedBy === 'EVERY_SECRETARIAT' || (descriptor.issuedBy as readonly Body[]).includes(body);

/** Any descriptor, whatever its input and decider: what lists of commands hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list holds commands of every input type
export type AnyCommandDescriptor = CommandDescriptor<any, any, any, any>;
