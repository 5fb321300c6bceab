import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CategoryCount')
export class CategoryCountType {
  @Field() category: string;
  @Field(() => Int) count: number;
}

/** The GraphQL shape of `StageBreakdown`, shared by the programme's `breakdown(by)` and the bodies' own views. */
@ObjectType('StageBreakdown', {
  description:
    'One figure (registered, screenedFit, trained, integrated, redeployed) by category: e.g. the 1,006 integrated as 66 officers, 221 NCOs, 719 rank and file.',
})
export class StageBreakdownType {
  @Field({ description: 'registered, screenedFit, trained, integrated or redeployed.' }) stage: string;
  @Field(() => Int, { description: 'The figure itself, as the totals give it.' }) total: number;
  @Field(() => [CategoryCountType], { description: 'The categories reported: movements and ranks in their listed order, regions and centres by name.' })
  categories: CategoryCountType[];
  @Field(() => Int, { description: 'What the categories leave of the total: counted, but never reported by category (never taken as 0 of any).' })
  unreported: number;
}
