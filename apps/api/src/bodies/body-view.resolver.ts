import { Inject } from '@nestjs/common';
import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor, Body } from '@ddr/kernel';
import { instrumentStream } from '@ddr/coordination';
import { BodyEnum, BodyViewType, CalendarDateScalar } from '@ddr/desks';
import {
  commitmentsPage,
  conditionsPage,
  decisionsBy,
  meetingsOf,
  queueOf,
  today,
  viewerOf,
  type BodyQueue,
  type CommitmentReading,
  type ConditionReading,
  type InstrumentReading,
  type MeetingRow,
  type StepDecisionRow,
  type PageRequest,
} from '@ddr/read-model';
import { CommitmentConnection, CommitmentType } from '../commitments/commitments.resolver';
import { ConditionConnection, ConditionType } from '../conditions/conditions.resolver';
import { InstrumentConnection, InstrumentType, StepDecisionConnection, StepDecisionType } from '../instruments/instrument.types';
import { MeetingConnection, MeetingType } from '../meetings/meetings.resolver';
import { graphqlError } from '../graphql/errors';
import { nodesOf, PageArgs, pageRequest, toConnection, type Connection } from '../graphql/paging';
import { CurrentActor } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { ReadSide } from '../read-side/read-side';

@Resolver(() => BodyViewType)
export class BodyViewResolver {
  constructor(
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
  ) {}

  @Query(() => BodyViewType)
  async body(
    @Args('code', { type: () => BodyEnum }) code: Body,
    @Args('minPosition', { nullable: true }) minPosition?: string,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true, description: 'Its queues and statuses as of this date; now when omitted.' })
    asOf?: string,
  ): Promise<BodyViewType> {
    await this.readSide.consistent(minPosition);
    return { body: code, on: asOf ?? today(), asOf: asOf ?? null };
  }

  @ResolveField(() => [InstrumentType], {
    description: 'Instruments awaiting a step of this body (now, or as of the date asked), oldest waiting first (a page of `awaiting`).',
  })
  awaitingAction(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): InstrumentReading[] {
    return nodesOf(this.queue(actor, 'instrument_awaiting', view, page));
  }

  @ResolveField(() => InstrumentConnection, {
    description:
      'Instruments awaiting a step of this body (now, or as of the date asked), oldest waiting first; each awaited step says since when and for how many days.',
  })
  awaiting(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): Connection<InstrumentReading> {
    return toConnection(this.queue(actor, 'instrument_awaiting', view, page));
  }

  @ResolveField(() => InstrumentConnection, {
    description: "Instruments this body leads or approved a step of that await another body's step, oldest waiting first.",
  })
  waitingOnOthers(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): Connection<InstrumentReading> {
    return toConnection(this.queue(actor, 'instrument_waiting_on_others', view, page));
  }

  @ResolveField(() => [StepDecisionType], { description: "This body's latest step decisions, newest first (the first page of `decisions`)." })
  decidedRecently(
    @CurrentActor() actor: Actor,
    @Parent() view: BodyViewType,
    @Args('last', { type: () => Int, defaultValue: 10 }) last: number,
  ): StepDecisionRow[] {
    if (last < 1 || last > 100) throw graphqlError('BAD_USER_INPUT', 'last must be between 1 and 100');
    return nodesOf(this.decisionPage(actor, view, { first: last, after: null }));
  }

  @ResolveField(() => StepDecisionConnection, { description: "This body's step decisions, newest first." })
  decisions(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): Connection<StepDecisionRow> {
    return toConnection(this.decisionPage(actor, view, pageRequest(page, 2)));
  }

  @ResolveField(() => [MeetingType], { description: 'Its meetings between two dates, in date order, a page at a time.' })
  meetings(
    @Parent() view: BodyViewType,
    @Args() page: PageArgs,
    @Args('from', { type: () => CalendarDateScalar, nullable: true }) from?: string,
    @Args('to', { type: () => CalendarDateScalar, nullable: true }) to?: string,
  ): MeetingRow[] {
    return nodesOf(this.meetingPage(view, page, from, to));
  }

  @ResolveField(() => MeetingConnection, { description: 'Its meetings between two dates, in date order.' })
  meetingsPage(
    @Parent() view: BodyViewType,
    @Args() page: PageArgs,
    @Args('from', { type: () => CalendarDateScalar, nullable: true }) from?: string,
    @Args('to', { type: () => CalendarDateScalar, nullable: true }) to?: string,
  ): Connection<MeetingRow> {
    return toConnection(this.meetingPage(view, page, from, to));
  }

  @ResolveField(() => [CommitmentType], { description: 'Its overdue commitments, longest overdue first (a page of `overdue`).' })
  overdueCommitments(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): CommitmentReading[] {
    return nodesOf(this.overduePage(actor, view, page));
  }

  @ResolveField(() => CommitmentConnection, { description: 'Its overdue commitments, longest overdue first.' })
  overdue(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): Connection<CommitmentReading> {
    return toConnection(this.overduePage(actor, view, page));
  }

  @ResolveField(() => [ConditionType], { description: 'Unmet conditions it set, or that wait on its step, oldest first (a page of `unmet`).' })
  unmetConditions(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): ConditionReading[] {
    return nodesOf(this.unmetPage(actor, view, page));
  }

  @ResolveField(() => ConditionConnection, { description: 'Unmet conditions it set, or that wait on its step, oldest first.' })
  unmet(@CurrentActor() actor: Actor, @Parent() view: BodyViewType, @Args() page: PageArgs): Connection<ConditionReading> {
    return toConnection(this.unmetPage(actor, view, page));
  }

  private queue(actor: Actor, queue: BodyQueue, view: BodyViewType, page: PageArgs) {
    const found = queueOf(this.readSide.db, viewerOf(actor), queue, view.body, pageRequest(page, 2), view.asOf);
    this.reads.instruments(actor, `BodyView.${queue}`, nodesOf(found));
    return found;
  }

  private decisionPage(actor: Actor, view: BodyViewType, request: PageRequest) {
    const found = decisionsBy(this.readSide.db, viewerOf(actor), view.body, request);
    return this.reads.noted(actor, 'BodyView.decisions', found, (page) => nodesOf(page).map((row) => instrumentStream(row.instrumentId)));
  }

  private meetingPage(view: BodyViewType, page: PageArgs, from = '0000-01-01', to = '9999-12-31') {
    return meetingsOf(this.readSide.db, { body: view.body, from, to }, pageRequest(page, 2));
  }

  private overduePage(actor: Actor, view: BodyViewType, page: PageArgs) {
    return commitmentsPage(this.readSide.db, viewerOf(actor), view.on, { body: view.body, status: 'OVERDUE' }, pageRequest(page, 2));
  }

  private unmetPage(actor: Actor, view: BodyViewType, page: PageArgs) {
    return conditionsPage(this.readSide.db, viewerOf(actor), view.on, { body: view.body, met: false }, pageRequest(page, 2));
  }
}
