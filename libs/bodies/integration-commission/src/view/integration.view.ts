import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BodyViewType } from '@ddr/desks';
import type { StageBreakdown } from '@ddr/programmes';
import { AsOfArg, ProgrammeArg, StageBreakdownType } from '@ddr/programmes/desk';
import { figureBreakdown, findProgramme, ReadModelAccess } from '@ddr/read-model';

/** The Integration Commission's own view: whom it integrated, by rank. */
@Resolver(() => BodyViewType)
export class IntegrationCommissionViewResolver {
  constructor(@Inject(ReadModelAccess) private readonly readModel: ReadModelAccess) {}

  @ResolveField(() => StageBreakdownType, {
    nullable: true,
    description: "Integration Commission: a programme's integrated by rank as of a date (ADDR-I: 1,006); null for another body or an unknown programme.",
  })
  integrationByRank(@Parent() view: BodyViewType, @ProgrammeArg() programme: string, @AsOfArg() asOf?: string): StageBreakdown | null {
    if (view.body !== 'INTEGRATION_COMMISSION') return null;
    const reading = findProgramme(this.readModel.db, programme, { asOf: asOf ?? view.asOf ?? undefined });
    return reading && figureBreakdown(reading.figures, 'RANK', 'integrated');
  }
}
