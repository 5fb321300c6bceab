import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, Float, ID, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GRADE_LEVELS, gradeChange, type GradedKind, type Theme } from '@ddr/coordination';
import { GradedKindEnum, ThemeEnum } from '@ddr/coordination/desk';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, graphqlEnum } from '@ddr/desks';
import {
  assessmentsOf,
  gradedItemsPage,
  gradeOn,
  gradeRollup,
  gradeTrend,
  viewerOf,
  pageOf,
  ROLLUP_DIMENSIONS,
  today,
  type AssessmentReading,
  type GradedItemReading,
  type RollupDimension,
} from '@ddr/read-model';
import { graphqlError } from '../graphql/errors';
import { connectionOf, PageArgs, pageRequest, toConnection, type Connection } from '../graphql/paging';
import { CurrentActor } from '../access/request-context';
import { ReadSide } from '../read-side/read-side';
import { SourceType } from '../sources/source.type';

export const GradeLevelEnum = graphqlEnum(GRADE_LEVELS, 'GradeLevel', 'The Peace Accords Matrix scale: 0 NOT_STARTED, 1 MINIMAL, 2 INTERMEDIATE, 3 COMPLETE.');
export const RollupDimensionEnum = graphqlEnum(
  ROLLUP_DIMENSIONS,
  'RollupDimension',
  'Group by the body that promised, the theme, or the chapter of the Agreement.',
);

@ObjectType('Assessment', { description: 'One grade of an item: who assessed it, for which day, what they found.' })
export class AssessmentType {
  @Field(() => BodyEnum) assessor: Body;
  @Field(() => Int, { description: '0 not started, 1 minimal, 2 intermediate, 3 complete.' }) grade: number;
  @Field(() => GradeLevelEnum) level: string;
  @Field() finding: string;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field(() => SourceType) source: SourceType;
  @Field(() => Int, { description: "Its revision on the item's stream of assessments: what `correctGrade` names." }) revision: number;
  @Field(() => BodyEnum, { nullable: true, description: 'The secretariat that recorded it.' }) recordedBy: Body | null;
  @Field({ description: 'A correction changed it since it was recorded; `streamHistory` shows both.' }) corrected: boolean;
}

@ObjectType('GradeChange', { description: "An item's grade on two dates and the change between them." })
export class GradeChangeType {
  @Field(() => Int, { nullable: true }) then: number | null;
  @Field(() => Int, { nullable: true }) now: number | null;
  @Field(() => Int, { nullable: true, description: 'now less then; null when either is not graded.' }) change: number | null;
}

/** A graded item as the query read it: with the date and assessor it was read for, which its fields resolve by. */
type ItemNode = GradedItemReading & { asOf: string; assessorFilter: Body | null };

@ObjectType('GradedItem', { description: 'A commitment, condition or provision of the Agreement, with its grade on the date asked.' })
export class GradedItemType {
  @Field(() => GradedKindEnum) kind: GradedKind;
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field(() => BodyEnum, { nullable: true, description: 'The body that promised or set it; null for a provision.' }) body: Body | null;
  @Field(() => ThemeEnum) theme: Theme;
  @Field(() => String, { nullable: true, description: "A provision's chapter of the Agreement." }) chapter: string | null;
  @Field(() => AssessmentType, { nullable: true, description: 'Its latest assessment by the date asked; null when not yet graded.' })
  latest: AssessmentType | null;
}

@ObjectType('GradeRollup', { description: 'How a group of items stands: the mean grade of those graded, and the count at each level.' })
export class GradeRollupType {
  @Field({ description: 'The body, theme or chapter.' }) key: string;
  @Field(() => Int) items: number;
  @Field(() => Int) graded: number;
  @Field(() => Int, { description: 'Items without a grade by then: counted apart, never as 0.' }) ungraded: number;
  @Field(() => Float, { nullable: true, description: "The graded items' mean grade, to two decimals; null when none is graded." }) meanGrade: number | null;
  @Field(() => Int) notStarted: number;
  @Field(() => Int) minimal: number;
  @Field(() => Int) intermediate: number;
  @Field(() => Int) complete: number;
}

@ObjectType('GradeTrend', { description: 'A group on two dates, and how its mean grade moved.' })
export class GradeTrendType {
  @Field() key: string;
  @Field(() => GradeRollupType) then: GradeRollupType;
  @Field(() => GradeRollupType) now: GradeRollupType;
  @Field(() => Float, { nullable: true, description: 'The mean now less the mean then; null when either is unknown.' }) change: number | null;
}

export const GradedItemConnection = connectionOf(GradedItemType, 'GradedItem');

@ArgsType()
class GradeArgs {
  @Field(() => GradedKindEnum, { nullable: true }) kind?: GradedKind;
  @Field(() => BodyEnum, { nullable: true, description: "Only this assessor's grades count; by default the latest of any." }) assessor?: Body;
  @Field({ nullable: true }) minPosition?: string;
}

@ArgsType()
class GradedItemsArgs extends GradeArgs {
  @Field(() => ThemeEnum, { nullable: true }) theme?: Theme;
  @Field(() => BodyEnum, { nullable: true }) body?: Body;
  @Field({ nullable: true }) chapter?: string;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Today by default.' }) asOf?: string;
}

@ArgsType()
class RollupArgs extends GradeArgs {
  @Field(() => RollupDimensionEnum) by: RollupDimension;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Today by default.' }) asOf?: string;
}

@ArgsType()
class TrendArgs extends GradeArgs {
  @Field(() => RollupDimensionEnum) by: RollupDimension;
  @Field(() => CalendarDateScalar) from: string;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Today by default.' }) to?: string;
}

const withLevel = (assessment: AssessmentReading) => ({ ...assessment, level: GRADE_LEVELS[assessment.grade] });
const rollupType = ({ atLevel, ...rest }: { atLevel: number[] } & Omit<GradeRollupType, 'notStarted' | 'minimal' | 'intermediate' | 'complete'>) => ({
  ...rest,
  notStarted: atLevel[0],
  minimal: atLevel[1],
  intermediate: atLevel[2],
  complete: atLevel[3],
});

@Resolver(() => GradedItemType)
export class AssessmentsResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @Query(() => GradedItemConnection, { description: 'Commitments, conditions and provisions with their grade on a date, by kind and id.' })
  async gradedItems(@CurrentActor() actor: Actor, @Args() args: GradedItemsArgs, @Args() page: PageArgs): Promise<Connection<ItemNode>> {
    const request = pageRequest(page, 2);
    await this.readSide.consistent(args.minPosition);
    const asOf = args.asOf ?? today();
    const found = gradedItemsPage(this.readSide.db, viewerOf(actor), asOf, args, request);
    return toConnection({
      ...found,
      nodes: found.nodes.map(({ cursor, node }) => ({ cursor, node: { ...node, asOf, assessorFilter: args.assessor ?? null } })),
    });
  }

  @Query(() => GradedItemType, { nullable: true, description: 'One item with its grade on a date (today by default); null when it did not exist then.' })
  async gradedItem(
    @CurrentActor() actor: Actor,
    @Args('kind', { type: () => GradedKindEnum }) kind: GradedKind,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true }) asOf?: string,
    @Args('assessor', { type: () => BodyEnum, nullable: true }) assessor?: Body,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<ItemNode | null> {
    await this.readSide.consistent(minPosition);
    const on = asOf ?? today();
    const node = gradedItemsPage(this.readSide.db, viewerOf(actor), on, { kind, id, assessor }, { first: 1, after: null }).nodes[0]?.node;
    return node ? { ...node, asOf: on, assessorFilter: assessor ?? null } : null;
  }

  @Query(() => [GradeRollupType], {
    description: 'How the items stand on a date, by body, theme or chapter: mean grade of the graded, count at each level, ungraded apart.',
  })
  async gradeRollup(@CurrentActor() actor: Actor, @Args() { by, asOf, kind, assessor, minPosition }: RollupArgs) {
    await this.readSide.consistent(minPosition);
    return gradeRollup(this.readSide.db, viewerOf(actor), by, asOf ?? today(), { kind, assessor }).map(rollupType);
  }

  @Query(() => [GradeTrendType], { description: 'Each group on two dates and the change of its mean grade between them.' })
  async gradeTrend(@CurrentActor() actor: Actor, @Args() { by, from, to, kind, assessor, minPosition }: TrendArgs) {
    const until = to ?? today();
    if (from > until) throw graphqlError('BAD_USER_INPUT', `from (${from}) is after to (${until})`);
    await this.readSide.consistent(minPosition);
    return gradeTrend(this.readSide.db, viewerOf(actor), by, from, until, { kind, assessor }).map(({ then, now, ...group }) => ({
      ...group,
      then: rollupType({ key: group.key, ...then }),
      now: rollupType({ key: group.key, ...now }),
    }));
  }

  @ResolveField(() => [AssessmentType], { description: 'Its assessments by the date asked, oldest first: the history of its grades.' })
  assessments(@Parent() item: ItemNode, @Args() page: PageArgs) {
    const request = pageRequest(page, 2);
    const history = assessmentsOf(this.readSide.db, item.kind, item.id, item.asOf).map(withLevel);
    return pageOf(history, (a) => [a.effectiveDate, a.revision], request).nodes.map(({ node }) => node);
  }

  @ResolveField(() => GradeChangeType, { description: 'Its grade on `from` and on the date asked, and the change.' })
  trend(@Parent() item: ItemNode, @Args('from', { type: () => CalendarDateScalar }) from: string): GradeChangeType {
    const then = gradeOn(this.readSide.db, item.kind, item.id, from, item.assessorFilter);
    const now = item.latest?.grade ?? null;
    return { then, now, change: gradeChange(then, now) };
  }

  @ResolveField(() => AssessmentType, { nullable: true })
  latest(@Parent() item: ItemNode) {
    return item.latest && withLevel(item.latest);
  }
}
