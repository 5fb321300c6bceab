import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ThemeEnum } from '@ddr/coordination/desk';
import { commitmentStream } from '@ddr/coordination';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, graphqlEnum } from '@ddr/desks';
import { commitmentsPage, today, viewerOf, type CommitmentReading } from '@ddr/read-model';
import { connectionOf, nodesOf, PageArgs, pageRequest, toConnection, type Connection } from '../graphql/paging';
import { CurrentActor } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { ReadSide } from '../read-side/read-side';
import { DueAfterType } from '../instruments/instrument.types';
import { SourceType } from '../sources/source.type';

export const CommitmentStatusEnum = graphqlEnum(['OPEN', 'FULFILLED', 'OVERDUE'] as const, 'CommitmentStatus');

@ObjectType('CommitmentNote', { description: 'Progress noted on a commitment, or the note given when it was kept.' })
export class CommitmentNoteType {
  @Field() note: string;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field({ description: 'Given when the commitment was kept.' }) fulfilment: boolean;
  @Field(() => SourceType) source: SourceType;
}

@ObjectType('Commitment', { description: 'A dated promise by a body; overdue once its due date has passed unfulfilled.' })
export class CommitmentType {
  @Field(() => ID) id: string;
  @Field(() => BodyEnum) body: Body;
  @Field() description: string;
  @Field(() => ThemeEnum, { description: 'The theme it belongs to; when not recorded, the one its words name.' }) theme: string;
  @Field(() => CalendarDateScalar, {
    description: 'With `dueAfter`: counted from the act once it is known (and moved when it is corrected), else the date expected.',
  })
  dueDate: string;
  @Field(() => DueAfterType, { nullable: true, description: 'Set when the commitment falls due a number of days after an act ("within 30 days of signing").' })
  dueAfter: DueAfterType | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'The date of the act `dueAfter` counts from, once recorded.' })
  dueAfterActOn: string | null;
  @Field({ description: 'OPEN, FULFILLED or OVERDUE, on the date asked about (today by default).' }) status: string;
  @Field(() => CalendarDateScalar) madeOn: string;
  @Field(() => CalendarDateScalar, { nullable: true }) fulfilledOn: string | null;
  @Field(() => String, { nullable: true }) instrumentId: string | null;
  @Field(() => String, { nullable: true, description: 'The latest progress note.' }) lastNote: string | null;
  @Field(() => BodyEnum) recordedBy: Body;
  @Field(() => SourceType, { description: 'Where the promise is recorded from.' }) source: SourceType;
  @Field(() => [CommitmentNoteType], { description: 'Every note, oldest first, as of the date asked about.' }) notes: CommitmentNoteType[];
}

export const CommitmentConnection = connectionOf(CommitmentType, 'Commitment');

@ArgsType()
class CommitmentArgs {
  @Field(() => BodyEnum, { nullable: true }) body?: Body;
  @Field(() => CommitmentStatusEnum, { nullable: true }) status?: string;
  @Field(() => CalendarDateScalar, { nullable: true }) asOf?: string;
  @Field({ nullable: true }) minPosition?: string;
}

@Resolver()
export class CommitmentsResolver {
  constructor(
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
  ) {}

  @Query(() => [CommitmentType], { description: 'Commitments with their status on a date (today by default), soonest due first, a page at a time.' })
  async commitments(@CurrentActor() actor: Actor, @Args() filter: CommitmentArgs, @Args() page: PageArgs): Promise<CommitmentReading[]> {
    return nodesOf(await this.page(actor, filter, page));
  }

  @Query(() => CommitmentConnection, { description: 'Commitments with their status on a date (today by default), soonest due first.' })
  async commitmentsPage(@CurrentActor() actor: Actor, @Args() filter: CommitmentArgs, @Args() page: PageArgs): Promise<Connection<CommitmentReading>> {
    return toConnection(await this.page(actor, filter, page));
  }

  private async page(actor: Actor, { body, status, asOf, minPosition }: CommitmentArgs, page: PageArgs) {
    const request = pageRequest(page, 2);
    await this.readSide.consistent(minPosition);
    const found = commitmentsPage(this.readSide.db, viewerOf(actor), asOf ?? today(), { body, status }, request);
    return this.reads.noted(actor, 'Query.commitments', found, (page) => nodesOf(page).map((node) => commitmentStream(node.id)));
  }
}
