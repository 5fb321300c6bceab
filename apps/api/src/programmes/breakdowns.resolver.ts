import { Args, Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { stageBreakdowns, type BreakdownDimension, type StageBreakdown } from '@ddr/programmes';
import { BreakdownDimensionEnum } from '@ddr/programmes/desk';
import { ProgrammeType, TrancheType } from './programmes.resolver';

@ObjectType('CategoryCount')
class CategoryCountType {
  @Field() category: string;
  @Field(() => Int) count: number;
}

@ObjectType('StageBreakdown', {
  description:
    'One figure (registered, screenedFit, trained, integrated, redeployed) by category: e.g. the 1,006 integrated as 66 officers, 221 NCOs, 719 rank and file.',
})
class StageBreakdownType {
  @Field({ description: 'registered, screenedFit, trained, integrated or redeployed.' }) stage: string;
  @Field(() => Int, { description: 'The figure itself, as the totals give it.' }) total: number;
  @Field(() => [CategoryCountType], { description: 'The categories reported: movements and ranks in their listed order, regions and centres by name.' })
  categories: CategoryCountType[];
  @Field(() => Int, { description: 'What the categories leave of the total: counted, but never reported by category (never taken as 0 of any).' })
  unreported: number;
}

const BY = { type: () => BreakdownDimensionEnum, description: 'MOVEMENT, REGION, RANK or CENTRE.' };
const DESCRIPTION = 'Each figure by category, on the same clock as the figures themselves (asOf, knownAt); five stages, bounded.';

@Resolver(() => ProgrammeType)
export class ProgrammeBreakdownResolver {
  @ResolveField(() => [StageBreakdownType], { description: DESCRIPTION })
  breakdown(@Parent() programme: ProgrammeType, @Args('by', BY) by: BreakdownDimension): StageBreakdown[] {
    return stageBreakdowns(programme.split, by);
  }
}

@Resolver(() => TrancheType)
export class TrancheBreakdownResolver {
  @ResolveField(() => [StageBreakdownType], { description: DESCRIPTION })
  breakdown(@Parent() tranche: TrancheType, @Args('by', BY) by: BreakdownDimension): StageBreakdown[] {
    return stageBreakdowns(tranche.split, by);
  }
}
