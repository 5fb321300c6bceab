import { Field, ObjectType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum } from './fields';
import { CalendarDateScalar } from './scalars';

/** `body(code)`: its fields are resolved by the API's body view and by each body module's own view (libs/bodies/<body>/src/view). */
@ObjectType('BodyView', {
  description:
    "One body's desk: what awaits it, what waits on others, what it decided, its meetings, commitments and conditions, and its own work " +
    '(the CNDDR its registration, the Integration Commission integration by rank, the MOC its camps and joint patrols). ' +
    'Every list is a page (`first`, `after`); each has a connection beside it with cursors and `totalCount`.',
})
export class BodyViewType {
  @Field(() => BodyEnum) body: Body;
  @Field(() => CalendarDateScalar, { description: 'The date its queues, waits and statuses are read on: the asOf asked, else today.' })
  on: string;
  /** The date asked, if any: the queues as of then rather than now. */
  asOf: string | null;
}
