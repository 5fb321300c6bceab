import { Inject, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AccessLog } from '@ddr/access';
import type { CommandOutcome } from '@ddr/decision-runner';
import { CurrentActor, type RequestContext } from '../access/request-context';
import { Roles } from '../access/roles.decorator';
import { toGraphqlError } from '../graphql/errors';
import { CommandResultType } from './command-result.type';
import { COMMAND_CATALOGUE, type CatalogueEntry } from '@ddr/bodies/all';

type MutationMethod = (input: object, actor: NonNullable<RequestContext['actor']>, context: RequestContext) => Promise<CommandOutcome>;

/**
 * One resolver for every desk command: each mutation sends its command on the
 * bus with the caller as actor. Refusals on authority are also written to the
 * access log.
 */
@Resolver()
@Roles('SECRETARIAT')
export class CommandMutationsResolver {
  constructor(
    @Inject(CommandBus) readonly bus: CommandBus,
    @Inject(AccessLog) readonly accessLog: AccessLog,
  ) {}
}

function mutationMethod(entry: CatalogueEntry): MutationMethod {
  return async function (this: CommandMutationsResolver, input, actor, context) {
    try {
      return await this.bus.execute(new entry.command(input, actor, context.correlationId));
    } catch (error) {
      const graphql = toGraphqlError(error);
      if (graphql.extensions.code === 'FORBIDDEN') {
        const { subject, body, role } = actor;
        this.accessLog.record({ subject, body, role, operation: `Mutation.${entry.name}`, code: 'FORBIDDEN', reason: graphql.message });
      }
      throw graphql;
    }
  };
}

const prototype = CommandMutationsResolver.prototype as unknown as Record<string, MutationMethod>;
for (const entry of COMMAND_CATALOGUE) {
  prototype[entry.name] = mutationMethod(entry);
  Reflect.defineMetadata('design:paramtypes', [entry.input, Object, Object], prototype, entry.name);
  Args('input', { type: () => entry.input as Type })(prototype, entry.name, 0);
  CurrentActor()(prototype, entry.name, 1);
  Context()(prototype, entry.name, 2);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, entry.name)!;
  Mutation(() => CommandResultType, { name: entry.name, description: entry.description })(prototype, entry.name, descriptor);
}
