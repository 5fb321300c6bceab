import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ddr/kernel';
import type { CommandOutcome } from '@ddr/decision-runner';

/** Fields every command input may carry besides its own. */
export interface CommandInputBase {
  /** Client-chosen idempotency key. */
  commandId?: string | null;
  /** Optional optimistic-concurrency guard on the command's stream. */
  expectedRevision?: number | null;
}

/**
 * A command as the edge hands it to the bus: the raw, still unvalidated input
 * and the actor from the caller's token. `kind` names it in the domain's words
 * (stable under minification, unlike a class name).
 */
export abstract class DeskCommand<Input extends CommandInputBase = CommandInputBase> extends Command<CommandOutcome> {
  static readonly kind: string;
  /** Type-level only: ties the command to its input class, so handlers infer it. */
  declare readonly validated?: Input;
  constructor(
    /** Raw, as received: the gate validates it against the command's input class. */
    readonly input: unknown,
    readonly actor: Actor,
    readonly correlationId?: string,
  ) {
    super();
  }
}

export type DeskCommandType<Input extends CommandInputBase = CommandInputBase> = {
  new (input: unknown, actor: Actor, correlationId?: string): DeskCommand<Input>;
  readonly kind: string;
};

/** Declares a command class for the bus. */
export function deskCommand<Input extends CommandInputBase>(kind: string): DeskCommandType<Input> {
  return class extends DeskCommand<Input> {
    static override readonly kind = kind;
  };
}
