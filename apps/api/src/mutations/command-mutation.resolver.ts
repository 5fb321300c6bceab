import { Inject, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AccessLog } from '@ddr/access';
import type { Actor } from '@ddr/kernel';
import type { CommandOutcome } from '@ddr/decision-runner';
import type { AnyCommandDescriptor } from '@ddr/desks';
import { CurrentActor, type RequestContext } from '../access/request-context';
import { Roles } from '../access/roles.decorator';
import { toGraphqlError } from '../graphql/errors';
import { CommandResultType } from './command-result.type';

/**
 * The mutation of one desk command, named as its descriptor names it (`recordStepDecision` is declared in
 * `instrument.descriptors.ts`): it sends the command on the bus with the caller as actor. Refusals on
 * authority are also written to the access log.
 */
export function commandMutation(descriptor: AnyCommandDescriptor): Type {
  @Resolver()
  @Roles('SECRETARIAT')
  class CommandMutation {
    constructor(
      @Inject(CommandBus) private readonly bus: CommandBus,
      @Inject(AccessLog) private readonly accessLog: AccessLog,
    ) {}

    @Mutation(() => CommandResultType, { name: descriptor.name, description: descriptor.description })
    async send(
      @Args('input', { type: () => descriptor.input as Type }) input: object,
      @CurrentActor() actor: Actor,
      @Context() context: RequestContext,
    ): Promise<CommandOutcome> {
      try {
        return await this.bus.execute(new descriptor.busCommand(input, actor, context.correlationId));
      } catch (error) {
        const graphql = toGraphqlError(error);
        if (graphql.extensions.code === 'FORBIDDEN') {
          const { subject, body, role } = actor;
          this.accessLog.record({ subject, body, role, operation: `Mutation.${descriptor.name}`, code: 'FORBIDDEN', reason: graphql.message });
        }
        throw graphql;
      }
    }
  }
  Object.defineProperty(CommandMutation, 'name', { value: `${descriptor.kind}Mutation` });
  return CommandMutation;
}
