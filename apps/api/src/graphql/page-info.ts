import { Field, ObjectType } from '@nestjs/graphql';

/** Where a Relay connection's page ends, shared by every list served a page at a time. */
@ObjectType('PageInfo')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}
