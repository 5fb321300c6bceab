import { Inject } from '@nestjs/common';
import { Args, Field, Float, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, DateTimeScalar } from '@ddr/desks';
import { splitOf, sum, type SplitFigures, type Tranche } from '@ddr/programmes';
import { findProgramme, listProgrammes, pageOf, splitOfFigures, type ProgrammeReading, type ProgrammeReport } from '@ddr/read-model';
import { nodesOf, orderRecorded, PageArgs, pageRequest } from '../graphql/paging';
import { graphqlError } from '../graphql/errors';
import { ReadSide } from '../read-side/read-side';
import { SourceType } from '../sources/source.type';

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

@ObjectType('TrainingCentre', { description: 'A centre where the programme trains, e.g. Tiby in Ségou region.' })
class TrainingCentreType {
  @Field() centre: string;
  @Field() region: string;
  @Field(() => SourceType) source: SourceType;
}

@ObjectType('ProgrammeReport', { description: "One act the figures come from, e.g. 'ADDR-I T1: training completed for 1006', with its source." })
class ProgrammeReportType {
  @Field() type: string;
  @Field(() => String, { nullable: true }) tranche: string | null;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field() summary: string;
  @Field(() => SourceType) source: SourceType;
}

const UNKNOWN = 'null when a count behind it was never reported (see unreported)';

/** The counts a tranche and a whole programme both report; a figure that rests on an unreported count is null, never a guess. */
@ObjectType({ isAbstract: true })
class Figures {
  @Field(() => Int) registered: number;
  @Field(() => Int, { nullable: true, description: `Deserters among the registered; ${UNKNOWN}.` }) deserters: number | null;
  @Field(() => Int) screenedFit: number;
  @Field(() => Int, { nullable: true, description: UNKNOWN }) screenedUnfit: number | null;
  @Field(() => Int, { nullable: true, description: UNKNOWN }) referredToReinsertion: number | null;
  @Field(() => Int) weaponsHandedOver: number;
  @Field(() => Int, { nullable: true, description: UNKNOWN }) inTraining: number | null;
  @Field(() => Int) trained: number;
  @Field(() => Int) integrated: number;
  @Field(() => Int) redeployed: number;
  @Field(() => [String], { description: 'The figures above that rest on a count nobody reported, and are therefore null.' }) unreported: string[];
  @Field(() => [ProgrammeReportType], { description: 'The reports these figures come from, oldest first, each with its source.' }) reports: ProgrammeReport[];
  /** How the figures split by category, for `breakdown(by)`; not a field. */
  split: SplitFigures;
}

@ObjectType('Tranche', { description: 'Counts only: the system holds no personal data.' })
export class TrancheType extends Figures {
  @Field() id: string;
  @Field(() => CalendarDateScalar) registeredOn: string;
}

@ObjectType('Programme', { description: 'A DDR programme (e.g. ADDR-I) and its figures against target.' })
export class ProgrammeType extends Figures {
  @Field() code: string;
  @Field() title: string;
  @Field(() => BodyEnum) leadBody: Body;
  @Field(() => [BodyEnum], { description: 'Who supported the launch (ADDR-I: MINUSMA).' }) supportedBy: Body[];
  @Field(() => CalendarDateScalar) launchedOn: string;
  @Field(() => SourceType, { description: "The launch's source: how exactly `launchedOn` is known." }) source: SourceType;
  @Field(() => Int) target: number;
  @Field(() => Int) targetDeserters: number;
  @Field(() => Int, { nullable: true }) eligibleCandidates: number | null;
  @Field(() => Float, { description: 'Integrated as a share of the target, 0 to 1 (both always reported).' }) integratedShareOfTarget: number;
  @Field(() => [TrainingCentreType], { description: "The programme's training centres (ADDR-I: five), bounded by the domain." })
  trainingCentres: TrainingCentreType[];
  /** Fields resolved below, a page at a time. */
  byCentre: CentreFigures[];
  byRegion: RegionFigures[];
  tranches: TrancheType[];
}

/** A figure, or null when it rests on a count nobody reported. */
const known = (unreported: readonly string[], measure: string, value: number) => (unreported.includes(measure) ? null : value);

function trancheType(tranche: Tranche, reports: ProgrammeReport[]): TrancheType {
  const { unreported } = tranche;
  return {
    ...tranche,
    deserters: known(unreported, 'deserters', tranche.deserters),
    screenedUnfit: known(unreported, 'screenedUnfit', tranche.screenedUnfit),
    referredToReinsertion: known(unreported, 'referredToReinsertion', tranche.referredToReinsertion),
    inTraining: known(unreported, 'inTraining', sum(tranche.inTraining)),
    trained: sum(tranche.trained),
    redeployed: sum(tranche.redeployed),
    reports: reports.filter((report) => report.tranche === tranche.id),
    split: splitOf(tranche),
  };
}

function toProgrammeType({ programme, figures, reports }: ProgrammeReading, withTranches: boolean): ProgrammeType {
  const t = (measure: string) => figures.totals[measure] ?? 0;
  const { unreported } = figures;
  const target = t('target');
  return {
    code: programme.code,
    title: programme.title,
    leadBody: programme.leadBody,
    supportedBy: programme.supportedBy,
    launchedOn: programme.launchedOn,
    source: programme.source,
    target,
    targetDeserters: t('targetDeserters'),
    eligibleCandidates: figures.totals.eligibleCandidates ?? null,
    registered: t('registered'),
    deserters: known(unreported, 'deserters', t('deserters')),
    screenedFit: t('screenedFit'),
    screenedUnfit: known(unreported, 'screenedUnfit', t('screenedUnfit')),
    referredToReinsertion: known(unreported, 'referredToReinsertion', t('referredToReinsertion')),
    weaponsHandedOver: t('weaponsHandedOver'),
    inTraining: known(unreported, 'inTraining', t('inTraining')),
    trained: t('trained'),
    integrated: t('integrated'),
    redeployed: t('redeployed'),
    unreported,
    reports,
    split: splitOfFigures(figures),
    integratedShareOfTarget: target > 0 ? t('integrated') / target : 0,
    trainingCentres: Object.entries(programme.trainingCentres).map(([centre, { region, source }]) => ({ centre, region, source })),
    byCentre: Object.entries(figures.byCentre).map(([centre, f]) => ({ centre, ...f })),
    byRegion: Object.entries(figures.byRegion).map(([region, redeployed]) => ({ region, redeployed })),
    tranches: withTranches ? Object.values(programme.tranches).map((tranche) => trancheType(tranche, reports)) : [],
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
