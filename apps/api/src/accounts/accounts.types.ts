import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import { ROLES, type Body, type Role } from '@ddr/kernel';
import { BodyEnum, BodyField, DateTimeScalar, EnumField, RoleEnum, TextField } from '@ddr/desks';
import { connectionOf } from '../graphql/paging';

@InputType('IssuePersonTokenInput')
export class IssuePersonTokenInput {
  @TextField({ max: 200, description: 'The person the token is for, by name: "Awa Traoré".' }) person: string;
  @BodyField() body: Body;
  @EnumField(ROLES, RoleEnum, { description: 'SECRETARIAT, LIAISON or AUDITOR; operator tokens come from the server machine only.' }) role: Role;
  @Field(() => String, {
    nullable: true,
    description: 'How long the token is valid: 8h, 30m, 7d or seconds; 8h by default, TOKEN_MAX_TTL_HOURS (30 days by default) at most.',
  })
  @IsOptional()
  @IsString()
  ttl?: string;
}

@InputType('RevokePersonTokenInput')
export class RevokePersonTokenInput {
  @Field(() => ID) @IsUUID() tokenId: string;
  @TextField({ max: 500, description: 'Why: "left the CTS secretariat", "phone lost".' }) reason: string;
}

@InputType('RevokeSubjectInput')
export class RevokeSubjectInput {
  @TextField({ max: 200, description: 'The subject whose tokens are refused: "Awa", or a token\'s sub such as "cts-secretariat".' }) subject: string;
  @TextField({ max: 500, description: 'Why: "left the CTS secretariat", "account compromised".' }) reason: string;
}

@ObjectType('SubjectRevocation', { description: "A subject's latest revocation: its tokens issued in or before revokedAt's second are refused." })
export class SubjectRevocationType {
  @Field() subject: string;
  @Field(() => DateTimeScalar) revokedAt: string;
  @Field({ description: 'Who revoked (ddr-cli: on the server machine).' }) revokedBy: string;
  @Field() reason: string;
}

@ObjectType('PersonToken', { description: 'A token issued to a named person (over the API or by ddr token); the token itself is never kept.' })
export class PersonTokenType {
  @Field(() => ID) tokenId: string;
  @Field() person: string;
  @Field(() => BodyEnum) body: Body;
  @Field(() => RoleEnum) role: Role;
  @Field(() => DateTimeScalar) issuedAt: string;
  @Field(() => DateTimeScalar) expiresAt: string;
  @Field({ description: 'The operator who issued it (ddr-cli: on the server machine).' }) issuedBy: string;
  @Field() revoked: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt: string | null;
  @Field(() => String, { nullable: true }) revokedBy: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType('IssuedPersonToken')
export class IssuedPersonTokenType {
  @Field({ description: 'The bearer token, answered this once: hand it to the person; the server does not keep it.' }) token: string;
  @Field(() => PersonTokenType) personToken: PersonTokenType;
}

export const PersonTokenConnection = connectionOf(PersonTokenType, 'PersonToken');
