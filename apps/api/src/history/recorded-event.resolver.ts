import { Inject } from '@nestjs/common';
import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { correctionsOf } from '@ddr/read-model';
import { ReadSide } from '../read-side/read-side';
import { RecordedEventType } from './recorded-event.type';

/** What the record says of an event since it was written: the corrections made to it, as the read model has them. */
@Resolver(() => RecordedEventType)
export class RecordedEventResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @ResolveField(() => [Int], { description: 'The revisions of the corrections (ActCorrected) made to this act since; the act itself stays as recorded.' })
  correctedBy(@Parent() event: RecordedEventType): number[] {
    return correctionsOf(this.readSide.db, event.streamId, event.revision);
  }
}
