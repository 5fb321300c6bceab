import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';

@ObjectType({ description: 'The end of the event log: where the next recorded act will follow.' })
class LogHead {
  @Field(() => String, { nullable: true, description: 'Position of the last recorded event; null while the log is empty.' })
  position: string | null;
}

/** The log's head, straight from the store (the ledger's integrity is `ledgerIntegrity`). */
@Resolver(() => LogHead)
export class LogHeadResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query(() => LogHead, { description: 'Where the event log ends, as the store has it (not as the read model has applied it).' })
  async logHead(): Promise<LogHead> {
    return { position: (await this.store.headPosition()) ?? null };
  }
}
