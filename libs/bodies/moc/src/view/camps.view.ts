import { Inject } from '@nestjs/common';
import { Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { CalendarDate } from '@ddr/kernel';
import { BodyViewType, CalendarDateScalar } from '@ddr/desks';
import { AsOfArg } from '@ddr/programmes/desk';
import { actsOf, ReadModelAccess } from '@ddr/read-model';
import { MOC_CAMPS, MOC_CAMPS_STREAM, type MocCamp, type MocCampEvent } from '../camps/moc-camp.events';
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

/** The MOC's camps and their patrols as of a date, folded from its own small stream's acts (three camps, a patrol record per day). */
export function mocCampsAsOf(acts: readonly MocCampEvent[], asOf: CalendarDate): MocCampViewType[] {
  const camps = new Map<MocCamp, MocCampViewType>();
  for (const { type, data } of acts) {
    if (data.effectiveDate > asOf) continue;
    if (type === 'MocCampEstablished') {
      camps.set(data.camp, {
        camp: data.camp,
        establishedOn: data.effectiveDate,
        sourceRef: data.source.ref,
        patrolDays: 0,
        patrols: 0,
        firstPatrolOn: null,
        lastPatrolOn: null,
      });
      continue;
    }
    const camp = camps.get(data.camp)!;
    camp.patrolDays++;
    camp.patrols = camp.patrols === null || data.patrols === null ? null : camp.patrols + data.patrols;
    if (!camp.firstPatrolOn || data.effectiveDate < camp.firstPatrolOn) camp.firstPatrolOn = data.effectiveDate;
    if (!camp.lastPatrolOn || data.effectiveDate > camp.lastPatrolOn) camp.lastPatrolOn = data.effectiveDate;
  }
  return MOC_CAMPS.flatMap((camp) => camps.get(camp) ?? []);
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
    return mocCampsAsOf(actsOf(this.readModel.db, MOC_CAMPS_STREAM) as MocCampEvent[], asOf ?? view.asOf ?? '9999-12-31');
  }
}
