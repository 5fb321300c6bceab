import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '@ddr/kernel';

/** What the server knows about the caller of one GraphQL operation. */
export interface RequestContext {
  actor?: Actor;
  /** Why the caller is not authenticated, when it is not. */
  authError?: string;
  correlationId?: string;
}

export const requestContext = (context: ExecutionContext): RequestContext => GqlExecutionContext.create(context).getContext<RequestContext>();

/** The authenticated caller (the guard has made sure there is one). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => requestContext(context).actor!);
