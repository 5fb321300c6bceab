import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { stageBreakdowns, type BreakdownDimension, type StageBreakdown } from '@ddr/programmes';
import { BreakdownDimensionEnum, StageBreakdownType } from '@ddr/programmes/desk';
import { ProgrammeType, TrancheType } from './programmes.resolver';

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
