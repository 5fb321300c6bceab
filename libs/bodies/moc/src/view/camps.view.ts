import { Inject } from '@nestjs/common';
import { Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { CalendarDate } from '@ddr/kernel';
import { BodyViewType, CalendarDateScalar } from '@ddr/desks';
import { AsOfArg } from '@ddr/programmes/desk';
import { campPatrolsOn, ReadModelAccess } from '@ddr/read-model';
import { MOC_CAMPS, type MocCamp } from '../camps/moc-camp.events';
import { MocCampEnum } from '../camps/moc-camp.inputs';

@ObjectType('MocCampView', { description: 'A MOC camp (Gao: January 2017; Timbuktu and Kidal: May 2018) and the joint patrols recorded around it.' })
class MocCampViewType {
  @Field(() => MocCampEnum) camp: MocCamp;
  @Field(() => CalendarDateScalar) establishedOn: CalendarDate;
  @Field(() => String, { nullable: true }) sourceRef: string | null;
  @Field(() => Int, { description: 'Days on which joint patrols were recorded.' }) patrolDays: number;
  @Field(() => Int, { nullable: true, description: 'Joint patrols counted; null when a day recorded them without a count.' }) patrols: number | null;
  @Field(() => CalendarDateScalar, { nullable: true }) firstPatrolOn: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) lastPatrolOn: CalendarDate | null;
}

/** The MOC's own view: its camps per region and the joint patrols around them. */
@Resolver(() => BodyViewType)
export class MocViewResolver {
  constructor(@Inject(ReadModelAccess) private readonly readModel: ReadModelAccess) {}

  @ResolveField(() => [MocCampViewType], {
    nullable: true,
    description: 'MOC: its camps (at most three) and joint patrols as of a date; null for another body.',
  })
  camps(@Parent() view: BodyViewType, @AsOfArg() asOf?: string): MocCampViewType[] | null {
    if (view.body !== 'MOC') return null;
    const camps = campPatrolsOn(this.readModel.db, asOf ?? view.asOf ?? '9999-12-31') as MocCampViewType[];
    return MOC_CAMPS.flatMap((camp) => camps.find((c) => c.camp === camp) ?? []);
  }
}
