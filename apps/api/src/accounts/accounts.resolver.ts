import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccountsError, PersonTokens, parseTtl, type PersonToken } from '@ddr/access';
import { BodyEnum, validateInput } from '@ddr/desks';
import type { Actor, Body } from '@ddr/kernel';
import { CurrentActor } from '../access/request-context';
import { PageArgs, sequenceConnection, sequencePageRequest, type Connection } from '../graphql/paging';
import { Roles } from '../access/roles.decorator';
import {
  IssuedPersonTokenType,
  IssuePersonTokenInput,
  PersonTokenConnection,
  PersonTokenType,
  RevokePersonTokenInput,
  RevokeSubjectInput,
  SubjectRevocationType,
} from './accounts.types';

/** People's tokens, kept by operators over the API, so that no clerk depends on the server's shell; auditors revoke them too. */
@Resolver()
@Roles('OPERATOR')
export class AccountsResolver {
  constructor(@Inject(PersonTokens) private readonly accounts: PersonTokens) {}

  @Mutation(() => IssuedPersonTokenType, { description: 'Issues a token to a named person of a body; every issue is recorded in the accounts stream.' })
  async issuePersonToken(@Args('input') raw: IssuePersonTokenInput, @CurrentActor() operator: Actor): Promise<IssuedPersonTokenType> {
    const input = await validateInput(IssuePersonTokenInput, raw);
    const ttlSeconds = ttlOf(input.ttl ?? '8h', this.accounts.maxTtlSeconds);
    const { token, record } = await this.accounts.issue(operator, { person: input.person.trim(), body: input.body, role: input.role, ttlSeconds });
    return { token, personToken: record };
  }

  @Mutation(() => PersonTokenType, {
    description: 'Revokes a token by its id: every server refuses it from its next request on, and closes its subscriptions.',
  })
  @Roles('OPERATOR', 'AUDITOR')
  async revokePersonToken(@Args('input') raw: RevokePersonTokenInput, @CurrentActor() operator: Actor): Promise<PersonToken> {
    const input = await validateInput(RevokePersonTokenInput, raw);
    return this.accounts.revoke(operator, input.tokenId, input.reason.trim());
  }

  @Mutation(() => SubjectRevocationType, {
    description: "Revokes every token of a subject (a person's name, or a token's sub) issued until now; tokens issued to it later are valid.",
  })
  @Roles('OPERATOR', 'AUDITOR')
  async revokeSubject(@Args('input') raw: RevokeSubjectInput, @CurrentActor() by: Actor): Promise<SubjectRevocationType> {
    const input = await validateInput(RevokeSubjectInput, raw);
    return this.accounts.revokeSubject(by, input.subject.trim(), input.reason.trim());
  }

  @Query(() => PersonTokenConnection, { description: "The live tokens of a body's people, newest first, a page at a time; never the tokens themselves." })
  @Roles('OPERATOR', 'AUDITOR')
  personTokens(@Args('body', { type: () => BodyEnum }) body: Body, @Args() args: PageArgs): Connection<PersonToken> {
    const { first, after } = sequencePageRequest(args);
    return sequenceConnection(this.accounts.ofBody(body, first, after), (token) => token.seq);
  }
}

function ttlOf(ttl: string, maxSeconds: number): number {
  try {
    return parseTtl(ttl, maxSeconds);
  } catch (error) {
    throw new AccountsError('BAD_USER_INPUT', (error as Error).message);
  }
}
