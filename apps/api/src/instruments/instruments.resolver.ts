import { Inject } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { awaitedSteps, instrumentStream } from '@ddr/coordination';
import { InstrumentStatusEnum } from '@ddr/coordination/desk';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, DateTimeScalar } from '@ddr/desks';
import { instrumentOn, listInstruments, pageOf, readInstrument, today, viewerOf, type InstrumentReading, type InstrumentView } from '@ddr/read-model';
import { CurrentActor } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { graphqlError } from '../graphql/errors';
import { nodesOf, orderRecorded, PageArgs, pageRequest, toConnection, type Connection } from '../graphql/paging';
import { toRecordedEventType, RecordedEventType } from '../history/recorded-event.type';
import { ReadSide } from '../read-side/read-side';
import { InstrumentConnection, InstrumentType, MilestoneType, PathwayStepType, PositionType } from './instrument.types';

/** An instrument's own history, a page at a time: the stream it was built from, not a list of the store's. */
const HISTORY_PAGE = { default: 100, max: 500 };

@Resolver(() => InstrumentType)
export class InstrumentsResolver {
  constructor(
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
  ) {}

  @Query(() => InstrumentType, { nullable: true, description: 'One instrument: now, as of an effective date, or as known at a recorded instant.' })
  async instrument(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true }) asOf?: string,
    @Args('knownAt', { type: () => DateTimeScalar, nullable: true }) knownAt?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<InstrumentReading | null> {
    await this.readSide.consistent(minPosition);
    // One the caller may not read is null, exactly as one that does not exist.
    const view = readInstrument(this.readSide.db, viewerOf(actor), id, { asOf, knownAt });
    return view && this.reads.instruments(actor, 'Query.instrument', [instrumentOn(view, asOf ?? today())])[0];
  }

  @Query(() => InstrumentConnection, { description: 'Instruments by id, filtered, a page at a time (Relay cursors).' })
  async instruments(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('status', { type: () => InstrumentStatusEnum, nullable: true }) status?: string,
    @Args('kind', { nullable: true }) kind?: string,
    @Args('leadBody', { type: () => BodyEnum, nullable: true }) leadBody?: Body,
    @Args('awaiting', { type: () => BodyEnum, nullable: true, description: 'Only those awaiting a step of this body.' }) awaiting?: Body,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<Connection<InstrumentReading>> {
    const request = pageRequest(page, 1);
    await this.readSide.consistent(minPosition);
    const found = listInstruments(this.readSide.db, viewerOf(actor), { status, kind, leadBody, awaiting }, request);
    this.reads.instruments(actor, 'Query.instruments', nodesOf(found));
    return toConnection(found);
  }

  @ResolveField(() => PathwayStepType, { nullable: true, description: 'The first undecided step: whom the instrument awaits.' })
  awaiting(@Parent() instrument: InstrumentReading): PathwayStepType | null {
    const [first] = awaitedSteps(instrument);
    return first === undefined ? null : instrument.pathway[first];
  }

  @ResolveField(() => [PathwayStepType], { description: 'Every step that may be decided now (several when steps are parallel).' })
  awaitingSteps(@Parent() instrument: InstrumentReading): PathwayStepType[] {
    return awaitedSteps(instrument).map((i) => instrument.pathway[i]);
  }

  @ResolveField(() => [RecordedEventType], { description: `The events this state was built from, oldest first, ${HISTORY_PAGE.max} at most a page.` })
  async history(
    @Parent() instrument: InstrumentView,
    @Args('first', { type: () => Int, defaultValue: HISTORY_PAGE.default, description: `1 to ${HISTORY_PAGE.max}.` }) first: number,
    @Args('after', { type: () => Int, nullable: true, description: 'The revision of the last event already read.' }) after?: number | null,
  ): Promise<RecordedEventType[]> {
    if (!Number.isInteger(first) || first < 1 || first > HISTORY_PAGE.max)
      throw graphqlError('BAD_USER_INPUT', `first must be between 1 and ${HISTORY_PAGE.max}`);
    const fromRevision = after === undefined || after === null ? 0 : after + 1;
    if (fromRevision < 0) throw graphqlError('BAD_USER_INPUT', 'after must be a revision');
    if (fromRevision > instrument.revision) return [];
    const events = await this.store.readStream(instrumentStream(instrument.id), {
      fromRevision,
      maxCount: Math.min(first, instrument.revision + 1 - fromRevision),
    });
    return events.map(toRecordedEventType);
  }

  @ResolveField(() => [MilestoneType], { description: 'Milestones of its implementation, in the order recorded, a page at a time.' })
  milestones(@Parent() instrument: InstrumentView, @Args() page: PageArgs): MilestoneType[] {
    return nodesOf(pageOf(instrument.milestones, orderRecorded(instrument.milestones), pageRequest(page, 1)));
  }

  @ResolveField(() => [PositionType], { description: "Parties' positions, in the order tabled, a page at a time." })
  positions(@Parent() instrument: InstrumentView, @Args() page: PageArgs): PositionType[] {
    return nodesOf(pageOf(instrument.positions, orderRecorded(instrument.positions), pageRequest(page, 1)));
  }
}
