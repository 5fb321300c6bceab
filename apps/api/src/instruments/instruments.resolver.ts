import { Inject } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { awaitedSteps, instrumentStream } from '@ddr/coordination';
import { InstrumentStatusEnum } from '@ddr/coordination/desk';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, DateTimeScalar } from '@ddr/desks';
import { decodeCursor, findInstrument, listInstruments, type InstrumentView } from '@ddr/read-model';
import { graphqlError } from '../graphql/errors';
import { toRecordedEventType, RecordedEventType } from '../history/recorded-event.type';
import { ReadSide } from '../read-side/read-side';
import { InstrumentConnection, InstrumentType, PathwayStepType } from './instrument.types';

const MAX_PAGE = 100;

@Resolver(() => InstrumentType)
export class InstrumentsResolver {
  constructor(
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Query(() => InstrumentType, { nullable: true, description: 'One instrument: now, as of an effective date, or as known at a recorded instant.' })
  async instrument(
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true }) asOf?: string,
    @Args('knownAt', { type: () => DateTimeScalar, nullable: true }) knownAt?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<InstrumentView | null> {
    await this.readSide.consistent(minPosition);
    return findInstrument(this.readSide.db, id, { asOf, knownAt });
  }

  @Query(() => InstrumentConnection, { description: 'Instruments by id, filtered, a page at a time (Relay cursors).' })
  async instruments(
    @Args('status', { type: () => InstrumentStatusEnum, nullable: true }) status?: string,
    @Args('kind', { nullable: true }) kind?: string,
    @Args('leadBody', { type: () => BodyEnum, nullable: true }) leadBody?: Body,
    @Args('awaiting', { type: () => BodyEnum, nullable: true, description: 'Only those awaiting a step of this body.' }) awaiting?: Body,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first = 20,
    @Args('after', { nullable: true }) after?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<InstrumentConnection> {
    if (first < 1 || first > MAX_PAGE) throw graphqlError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
    const afterId = after === undefined || after === null ? null : decodeCursor(after);
    if (after && afterId === null) throw graphqlError('BAD_USER_INPUT', 'after is not a cursor of this list');
    await this.readSide.consistent(minPosition);
    const page = listInstruments(this.readSide.db, { status, kind, leadBody, awaiting }, first, afterId);
    return {
      edges: page.nodes,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => PathwayStepType, { nullable: true, description: 'The first undecided step: whom the instrument awaits.' })
  awaiting(@Parent() instrument: InstrumentView): PathwayStepType | null {
    const [first] = awaitedSteps(instrument);
    return first === undefined ? null : instrument.pathway[first];
  }

  @ResolveField(() => [PathwayStepType], { description: 'Every step that may be decided now (several when steps are parallel).' })
  awaitingSteps(@Parent() instrument: InstrumentView): PathwayStepType[] {
    return awaitedSteps(instrument).map((i) => instrument.pathway[i]);
  }

  @ResolveField(() => [RecordedEventType], { description: 'The events this state was built from, oldest first.' })
  async history(@Parent() instrument: InstrumentView): Promise<RecordedEventType[]> {
    const events = await this.store.readStream(instrumentStream(instrument.id), { maxCount: instrument.revision + 1 });
    return events.map(toRecordedEventType);
  }
}
