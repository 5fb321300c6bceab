import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '@ddr/kernel';

/** What the server knows about the caller of one GraphQL operation. */
export interface RequestContext {
  actor?: Actor;
  /** The id (`jti`) of the caller's token, when it has one: what a revocation names. */
  tokenId?: string;
  /** When the caller's token was issued (`iat`): what a revocation of its subject is compared with. */
  issuedAt?: number;
  /** The WebSocket a subscription runs on; absent over HTTP. */
  connection?: WebSocketConnection;
  /** Why the caller is not authenticated, when it is not. */
  authError?: string;
  correlationId?: string;
}

/** What a subscription needs of its WebSocket: a way to close it. */
export interface WebSocketConnection {
  close(code: number, reason: string): void;
}

export const requestContext = (context: ExecutionContext): RequestContext => GqlExecutionContext.create(context).getContext<RequestContext>();

/** The authenticated caller (the guard has made sure there is one). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => requestContext(context).actor!);

/** The whole context of the operation: the caller, its token id, its WebSocket. */
export const CurrentRequest = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => requestContext(context));
