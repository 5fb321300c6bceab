import { Inject } from '@nestjs/common';
import { Args, Field, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import {
  awaitingAction,
  decisionsBy,
  listCommitments,
  listConditions,
  meetingsOf,
  today,
  type CommitmentReading,
  type ConditionReading,
  type InstrumentView,
  type MeetingRow,
  type StepDecisionRow,
} from '@ddr/read-model';
import { CommitmentType } from '../commitments/commitments.resolver';
import { ConditionType } from '../conditions/conditions.resolver';
import { InstrumentType, StepDecisionType } from '../instruments/instrument.types';
import { MeetingType } from '../meetings/meetings.resolver';
import { graphqlError } from '../graphql/errors';
import { ReadSide } from '../read-side/read-side';

@ObjectType('BodyView', { description: "One body's desk: what awaits it, what it decided, its meetings, commitments and conditions." })
export class BodyViewType {
  @Field(() => BodyEnum) body: Body;
  /** The date statuses are evaluated on; not a field. */
  on: string;
}

@Resolver(() => BodyViewType)
export class BodyViewResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @Query(() => BodyViewType)
  async body(@Args('code', { type: () => BodyEnum }) code: Body, @Args('minPosition', { nullable: true }) minPosition?: string): Promise<BodyViewType> {
    await this.readSide.consistent(minPosition);
    return { body: code, on: today() };
  }

  @ResolveField(() => [InstrumentType], { description: 'Instruments awaiting a step of this body now.' })
  awaitingAction(@Parent() view: BodyViewType): InstrumentView[] {
    return awaitingAction(this.readSide.db, view.body);
  }

  @ResolveField(() => [StepDecisionType], { description: "This body's latest step decisions, newest first." })
  decidedRecently(@Parent() view: BodyViewType, @Args('last', { type: () => Int, defaultValue: 10 }) last: number): StepDecisionRow[] {
    if (last < 1 || last > 100) throw graphqlError('BAD_USER_INPUT', 'last must be between 1 and 100');
    return decisionsBy(this.readSide.db, view.body, last);
  }

  @ResolveField(() => [MeetingType])
  meetings(
    @Parent() view: BodyViewType,
    @Args('from', { type: () => CalendarDateScalar, nullable: true }) from?: string,
    @Args('to', { type: () => CalendarDateScalar, nullable: true }) to?: string,
  ): MeetingRow[] {
    return meetingsOf(this.readSide.db, view.body, from ?? '0000-01-01', to ?? '9999-12-31');
  }

  @ResolveField(() => [CommitmentType])
  overdueCommitments(@Parent() view: BodyViewType): CommitmentReading[] {
    return listCommitments(this.readSide.db, view.on, { body: view.body, status: 'OVERDUE' });
  }

  @ResolveField(() => [ConditionType], { description: 'Unmet conditions it set, or that wait on its step.' })
  unmetConditions(@Parent() view: BodyViewType): ConditionReading[] {
    return listConditions(this.readSide.db, view.on, { body: view.body, met: false });
  }
}
