import { Inject } from '@nestjs/common';
import { Args, Field, Float, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, DateTimeScalar } from '@ddr/desks';
import { sum } from '@ddr/programmes';
import { findProgramme, listProgrammes, pageOf, type ProgrammeReading } from '@ddr/read-model';
import { nodesOf, orderRecorded, PageArgs, pageRequest } from '../graphql/paging';
import { graphqlError } from '../graphql/errors';
import { ReadSide } from '../read-side/read-side';

@ObjectType('CentreFigures')
class CentreFigures {
  @Field() centre: string;
  @Field(() => Int) inTraining: number;
  @Field(() => Int) trained: number;
}

@ObjectType('RegionFigures')
class RegionFigures {
  @Field() region: string;
  @Field(() => Int) redeployed: number;
}

/** The counts a tranche and a whole programme both report. */
@ObjectType({ isAbstract: true })
class Figures {
  @Field(() => Int) registered: number;
  @Field(() => Int) deserters: number;
  @Field(() => Int) screenedFit: number;
  @Field(() => Int) screenedUnfit: number;
  @Field(() => Int) referredToReinsertion: number;
  @Field(() => Int) weaponsHandedOver: number;
  @Field(() => Int) inTraining: number;
  @Field(() => Int) trained: number;
  @Field(() => Int) integrated: number;
  @Field(() => Int) redeployed: number;
}

@ObjectType('Tranche', { description: 'Counts only: the system holds no personal data.' })
class TrancheType extends Figures {
  @Field() id: string;
  @Field(() => CalendarDateScalar) registeredOn: string;
}

@ObjectType('Programme', { description: 'A DDR programme (e.g. ADDR-I) and its figures against target.' })
export class ProgrammeType extends Figures {
  @Field() code: string;
  @Field() title: string;
  @Field(() => BodyEnum) leadBody: Body;
  @Field(() => CalendarDateScalar) launchedOn: string;
  @Field(() => Int) target: number;
  @Field(() => Int) targetDeserters: number;
  @Field(() => Int, { nullable: true }) eligibleCandidates: number | null;
  @Field(() => Float, { description: 'Integrated as a share of the target, 0 to 1.' }) integratedShareOfTarget: number;
  /** Fields resolved below, a page at a time. */
  byCentre: CentreFigures[];
  byRegion: RegionFigures[];
  tranches: TrancheType[];
}

function toProgrammeType({ programme, figures }: ProgrammeReading, withTranches: boolean): ProgrammeType {
  const t = (measure: string) => figures.totals[measure] ?? 0;
  const target = t('target');
  return {
    code: programme.code,
    title: programme.title,
    leadBody: programme.leadBody,
    launchedOn: programme.launchedOn,
    target,
    targetDeserters: t('targetDeserters'),
    eligibleCandidates: figures.totals.eligibleCandidates ?? null,
    registered: t('registered'),
    deserters: t('deserters'),
    screenedFit: t('screenedFit'),
    screenedUnfit: t('screenedUnfit'),
    referredToReinsertion: t('referredToReinsertion'),
    weaponsHandedOver: t('weaponsHandedOver'),
    inTraining: t('inTraining'),
    trained: t('trained'),
    integrated: t('integrated'),
    redeployed: t('redeployed'),
    integratedShareOfTarget: target > 0 ? t('integrated') / target : 0,
    byCentre: Object.entries(figures.byCentre).map(([centre, f]) => ({ centre, ...f })),
    byRegion: Object.entries(figures.byRegion).map(([region, redeployed]) => ({ region, redeployed })),
    tranches: withTranches
      ? Object.values(programme.tranches).map((tranche) => ({
          ...tranche,
          inTraining: sum(tranche.inTraining),
          trained: sum(tranche.trained),
          redeployed: sum(tranche.redeployed),
        }))
      : [],
  };
}

@Resolver(() => ProgrammeType)
export class ProgrammesResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @Query(() => ProgrammeType, { nullable: true, description: 'e.g. "ADDR-I": now, as of an effective date, or as known at an instant.' })
  async programme(
    @Args('code') code: string,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true }) asOf?: string,
    @Args('knownAt', { type: () => DateTimeScalar, nullable: true }) knownAt?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<ProgrammeType | null> {
    if (asOf && knownAt) throw graphqlError('BAD_USER_INPUT', 'a programme is read on one clock at a time: asOf or knownAt');
    await this.readSide.consistent(minPosition);
    const reading = findProgramme(this.readSide.db, code, { asOf, knownAt });
    return reading && toProgrammeType(reading, !asOf && !knownAt);
  }

  @Query(() => [ProgrammeType], { description: 'Every programme, by code, a page at a time.' })
  async programmes(@Args() page: PageArgs, @Args('minPosition', { nullable: true }) minPosition?: string): Promise<ProgrammeType[]> {
    const request = pageRequest(page, 1);
    await this.readSide.consistent(minPosition);
    const codes = nodesOf(pageOf(listProgrammes(this.readSide.db), (code) => [code], request));
    return codes.flatMap((code) => {
      const reading = findProgramme(this.readSide.db, code);
      return reading ? [toProgrammeType(reading, true)] : [];
    });
  }

  @ResolveField(() => [CentreFigures], { description: 'Per training centre, in the order first reported, a page at a time.' })
  byCentre(@Parent() programme: ProgrammeType, @Args() page: PageArgs): CentreFigures[] {
    return nodesOf(pageOf(programme.byCentre, orderRecorded(programme.byCentre), pageRequest(page, 1)));
  }

  @ResolveField(() => [RegionFigures], { description: 'Per region of redeployment, in the order first reported, a page at a time.' })
  byRegion(@Parent() programme: ProgrammeType, @Args() page: PageArgs): RegionFigures[] {
    return nodesOf(pageOf(programme.byRegion, orderRecorded(programme.byRegion), pageRequest(page, 1)));
  }

  @ResolveField(() => [TrancheType], { description: 'Current tranches, a page at a time; empty when the programme is read as of a date or instant.' })
  tranches(@Parent() programme: ProgrammeType, @Args() page: PageArgs): TrancheType[] {
    return nodesOf(pageOf(programme.tranches, orderRecorded(programme.tranches), pageRequest(page, 1)));
  }
}
