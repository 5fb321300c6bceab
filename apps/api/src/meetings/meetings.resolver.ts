import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { instrumentStream } from '@ddr/coordination';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import { decisionsAt, findMeeting, meetingsOf, viewerOf, type MeetingRow, type StepDecisionRow } from '@ddr/read-model';
import { CurrentActor } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { StepDecisionType } from '../instruments/instrument.types';
import { connectionOf, nodesOf, PageArgs, pageRequest, toConnection, type Connection } from '../graphql/paging';
import { ReadSide } from '../read-side/read-side';
import { SourceType } from '../sources/source.type';

@ObjectType('Meeting', { description: 'A numbered, dated session of a body, e.g. CTS-41 on 2019-09-25.' })
export class MeetingType {
  @Field({ description: 'CTS-41' }) meeting: string;
  @Field(() => BodyEnum) body: Body;
  @Field(() => Int) number: number;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field({ description: 'RECORD when the secretariat recorded it, CITATION when a decision first cited it.' }) establishedBy: string;
  @Field(() => SourceType, { description: 'The source of the record, or of the decision that first cited it.' }) source: SourceType;
}

export const MeetingConnection = connectionOf(MeetingType, 'Meeting');

@ArgsType()
class MeetingArgs {
  @Field(() => BodyEnum, { nullable: true }) body?: Body;
  @Field(() => CalendarDateScalar, { nullable: true }) from?: string;
  @Field(() => CalendarDateScalar, { nullable: true }) to?: string;
  @Field({ nullable: true }) minPosition?: string;
}

@Resolver(() => MeetingType)
export class MeetingsResolver {
  constructor(
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
  ) {}

  @Query(() => MeetingType, { nullable: true })
  async meeting(@Args('meeting', { description: 'e.g. "CTS-41"' }) meeting: string, @Args('minPosition', { nullable: true }) minPosition?: string) {
    await this.readSide.consistent(minPosition);
    return findMeeting(this.readSide.db, meeting);
  }

  @Query(() => [MeetingType], { description: 'Meetings between two dates, of one body or all, in date order, a page at a time.' })
  async meetings(@Args() filter: MeetingArgs, @Args() page: PageArgs): Promise<MeetingRow[]> {
    return nodesOf(await this.page(filter, page));
  }

  @Query(() => MeetingConnection, { description: 'Meetings between two dates, of one body or all, in date order.' })
  async meetingsPage(@Args() filter: MeetingArgs, @Args() page: PageArgs): Promise<Connection<MeetingRow>> {
    return toConnection(await this.page(filter, page));
  }

  @ResolveField(() => [StepDecisionType], { description: 'The step decisions taken at this meeting, as recorded, a page at a time.' })
  decisions(@CurrentActor() actor: Actor, @Parent() meeting: MeetingRow, @Args() page: PageArgs): StepDecisionRow[] {
    const found = nodesOf(decisionsAt(this.readSide.db, viewerOf(actor), meeting.meeting, pageRequest(page, 1)));
    return this.reads.noted(actor, 'Meeting.decisions', found, (rows) => rows.map((row) => instrumentStream(row.instrumentId)));
  }

  private async page({ body, from, to, minPosition }: MeetingArgs, page: PageArgs) {
    const request = pageRequest(page, 2);
    await this.readSide.consistent(minPosition);
    return meetingsOf(this.readSide.db, { body: body ?? null, from: from ?? '0000-01-01', to: to ?? '9999-12-31' }, request);
  }
}
