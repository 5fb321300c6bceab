import { Inject } from '@nestjs/common';
import { Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { BodyViewType, CalendarDateScalar } from '@ddr/desks';
import type { StageBreakdown } from '@ddr/programmes';
import { AsOfArg, ProgrammeArg, StageBreakdownType } from '@ddr/programmes/desk';
import { figureBreakdown, findProgramme, ReadModelAccess } from '@ddr/read-model';

@ObjectType('RegistrationAct', { description: 'An act of the registration: eligible candidates announced, or a tranche registered.' })
class RegistrationActType {
  @Field() type: string;
  @Field(() => String, { nullable: true }) tranche: string | null;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field() summary: string;
  @Field(() => String, { nullable: true, description: 'The source it is recorded from.' }) sourceRef: string | null;
}

@ObjectType('ProgrammeRegistration', {
  description:
    "The CNDDR's registration in a programme it runs: the eligible candidates it announced (ADDR-I: 63,000 by April 2019), those registered, who they are.",
})
class ProgrammeRegistrationType {
  @Field() programme: string;
  @Field(() => Int, { nullable: true, description: 'null until announced.' }) eligibleCandidates: number | null;
  @Field(() => Int) registered: number;
  @Field(() => StageBreakdownType, { description: 'The registered by armed movement.' }) byMovement: StageBreakdown;
  @Field(() => StageBreakdownType, { description: 'The registered by region.' }) byRegion: StageBreakdown;
  @Field(() => [RegistrationActType], { description: 'The announcements and registrations, as recorded; at most one per tranche and announcement.' })
  acts: RegistrationActType[];
}

const REGISTRATION_ACTS = ['EligibleCandidatesAnnounced', 'TrancheRegistered'];

/** The CNDDR's own view: the registration it runs, from the programmes' read model. */
@Resolver(() => BodyViewType)
export class CnddrViewResolver {
  constructor(@Inject(ReadModelAccess) private readonly readModel: ReadModelAccess) {}

  @ResolveField(() => ProgrammeRegistrationType, {
    nullable: true,
    description: 'CNDDR: registration in a programme it leads, as of a date; null for another body.',
  })
  registration(@Parent() view: BodyViewType, @ProgrammeArg() programme: string, @AsOfArg() asOf?: string): ProgrammeRegistrationType | null {
    if (view.body !== 'CNDDR') return null;
    const reading = findProgramme(this.readModel.db, programme, { asOf: asOf ?? view.asOf ?? undefined });
    if (!reading || reading.programme.leadBody !== 'CNDDR') return null;
    const { figures, reports } = reading;
    return {
      programme,
      eligibleCandidates: figures.totals.eligibleCandidates ?? null,
      registered: figures.totals.registered ?? 0,
      byMovement: figureBreakdown(figures, 'MOVEMENT', 'registered'),
      byRegion: figureBreakdown(figures, 'REGION', 'registered'),
      acts: reports.filter((report) => REGISTRATION_ACTS.includes(report.type)).map(({ source, ...report }) => ({ ...report, sourceRef: source.ref })),
    };
  }
}
