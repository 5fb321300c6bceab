import { Inject } from '@nestjs/common';
import { Args, Field, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import { decisionsAt, findMeeting, meetingsOf, type MeetingRow, type StepDecisionRow } from '@ddr/read-model';
import { StepDecisionType } from '../instruments/instrument.types';
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

@Resolver(() => MeetingType)
export class MeetingsResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @Query(() => MeetingType, { nullable: true })
  async meeting(@Args('meeting', { description: 'e.g. "CTS-41"' }) meeting: string, @Args('minPosition', { nullable: true }) minPosition?: string) {
    await this.readSide.consistent(minPosition);
    return findMeeting(this.readSide.db, meeting);
  }

  @Query(() => [MeetingType])
  async meetings(
    @Args('body', { type: () => BodyEnum, nullable: true }) body?: Body,
    @Args('from', { type: () => CalendarDateScalar, nullable: true }) from?: string,
    @Args('to', { type: () => CalendarDateScalar, nullable: true }) to?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<MeetingRow[]> {
    await this.readSide.consistent(minPosition);
    return meetingsOf(this.readSide.db, body ?? null, from ?? '0000-01-01', to ?? '9999-12-31');
  }

  @ResolveField(() => [StepDecisionType], { description: 'The step decisions taken at this meeting.' })
  decisions(@Parent() meeting: MeetingRow): StepDecisionRow[] {
    return decisionsAt(this.readSide.db, meeting.meeting);
  }
}
