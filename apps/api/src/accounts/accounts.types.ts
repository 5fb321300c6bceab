import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import { ROLES, type Body, type Role } from '@ddr/kernel';
import { BodyEnum, BodyField, DateTimeScalar, EnumField, RoleEnum, TextField } from '@ddr/desks';
import { PageInfo } from '../graphql/page-info';

@InputType('IssuePersonTokenInput')
export class IssuePersonTokenInput {
  @TextField({ max: 200, description: 'The person the token is for, by name: "Awa Traoré".' }) person: string;
  @BodyField() body: Body;
  @EnumField(ROLES, RoleEnum, { description: 'SECRETARIAT, LIAISON or AUDITOR; operator tokens come from the server machine only.' }) role: Role;
  @Field(() => String, { nullable: true, description: 'How long the token is valid: 8h, 30m, 7d or seconds; 8h by default, 30 days at most.' })
  @IsOptional()
  @IsString()
  ttl?: string;
}

@InputType('RevokePersonTokenInput')
export class RevokePersonTokenInput {
  @Field(() => ID) @IsUUID() tokenId: string;
  @TextField({ max: 500, description: 'Why: "left the CTS secretariat", "phone lost".' }) reason: string;
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

@ObjectType('PersonTokenEdge')
export class PersonTokenEdge {
  @Field() cursor: string;
  @Field(() => PersonTokenType) node: PersonTokenType;
}

@ObjectType('PersonTokenConnection', { description: "A body's live tokens (expired ones are let go), newest first, a page at a time." })
export class PersonTokenConnection {
  @Field(() => [PersonTokenEdge]) edges: PersonTokenEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
