import { Inject } from '@nestjs/common';
import { Args, Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, DateTimeScalar } from '@ddr/desks';
import { sum } from '@ddr/programmes';
import { findProgramme, listProgrammes, type ProgrammeReading } from '@ddr/read-model';
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
  @Field(() => [CentreFigures]) byCentre: CentreFigures[];
  @Field(() => [RegionFigures]) byRegion: RegionFigures[];
  @Field(() => [TrancheType], { description: 'Current tranches; empty when the programme is read as of a date or instant.' })
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

@Resolver()
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

  @Query(() => [ProgrammeType])
  async programmes(@Args('minPosition', { nullable: true }) minPosition?: string): Promise<ProgrammeType[]> {
    await this.readSide.consistent(minPosition);
    return listProgrammes(this.readSide.db).flatMap((code) => {
      const reading = findProgramme(this.readSide.db, code);
      return reading ? [toProgrammeType(reading, true)] : [];
    });
  }
}
