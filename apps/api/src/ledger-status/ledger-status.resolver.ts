import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';

@ObjectType({ description: 'Where the event log stands.' })
class LedgerStatus {
  @Field(() => String, { nullable: true, description: 'Position of the last recorded event; null while the log is empty.' })
  headPosition: string | null;
}

@Resolver(() => LedgerStatus)
export class LedgerStatusResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query(() => LedgerStatus)
  async ledgerStatus(): Promise<LedgerStatus> {
    return { headPosition: (await this.store.headPosition()) ?? null };
  }
}
