import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AccessLog } from '@ddr/access';
import type { Role } from '@ddr/kernel';
import { graphqlError } from '../graphql/errors';
import { RateLimiter } from './rate-limiter';
import { requestContext } from './request-context';
import { ROLES_KEY } from './roles.decorator';

/**
 * Every resolver needs an authenticated caller, and some a role. Refusals of
 * mutations are recorded in the access log: who tried what, and why.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(RateLimiter) private readonly rateLimiter: RateLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ fieldName: string; parentType: { name: string } } | undefined>();
    if (!info) return true;
    const { actor, authError } = requestContext(context);
    const operation = `${info.parentType.name}.${info.fieldName}`;
    const isWrite = info.parentType.name === 'Mutation';
    if (!actor) {
      const reason = authError ?? 'a bearer token is required';
      if (isWrite) this.accessLog.record({ subject: null, body: null, role: null, operation, code: 'UNAUTHENTICATED', reason });
      throw graphqlError('UNAUTHENTICATED', reason);
    }
    if (!this.rateLimiter.allow(actor.subject)) {
      throw graphqlError('RATE_LIMITED', `${actor.subject} is over its request limit for this minute; slow down and retry`);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(actor.role)) {
      const reason = `${operation} is for ${roles.join(' or ')}; the token is ${actor.role} of ${actor.body}`;
      if (isWrite) this.accessLog.record({ subject: actor.subject, body: actor.body, role: actor.role, operation, code: 'FORBIDDEN', reason });
      throw graphqlError('FORBIDDEN', reason);
    }
    return true;
  }
}
