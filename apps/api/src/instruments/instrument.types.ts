import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import { StepActionEnum } from '@ddr/coordination/desk';
import { PageInfo } from '../graphql/page-info';
import { SourceType } from '../sources/source.type';

@ObjectType('PathwayStep')
export class PathwayStepType {
  @Field(() => BodyEnum) body: Body;
  @Field(() => StepActionEnum) action: string;
  @Field({ description: 'PENDING, APPROVED, REJECTED or RETURNED' }) status: string;
  @Field(() => CalendarDateScalar, { nullable: true }) effectiveDate: string | null;
  @Field(() => String, { nullable: true }) meeting: string | null;
  @Field({ description: 'Decided alongside the previous step.' }) parallel: boolean;
  @Field(() => SourceType, { nullable: true, description: 'Where the decision is recorded from; null while the step is pending.' }) source: SourceType | null;
}

@ObjectType('Milestone')
export class MilestoneType {
  @Field() milestone: string;
  @Field(() => Int, { nullable: true }) count: number | null;
  @Field(() => String, { nullable: true }) place: string | null;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field(() => String, { nullable: true }) sourceRef: string | null;
  @Field(() => SourceType) source: SourceType;
}

@ObjectType('Position', { description: "A party's stated position, e.g. on the integration quota." })
export class PositionType {
  @Field() party: string;
  @Field() statement: string;
  @Field(() => Int, { nullable: true }) figure: number | null;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field(() => String, { nullable: true }) sourceRef: string | null;
  @Field(() => SourceType) source: SourceType;
}

@ObjectType('Finding', { description: "What a body or an outside observer found, e.g. the Independent Observer's report." })
export class FindingType {
  @Field(() => BodyEnum) body: Body;
  @Field() finding: string;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field(() => SourceType) source: SourceType;
}

@ObjectType('Instrument')
export class InstrumentType {
  @Field(() => ID) id: string;
  @Field() kind: string;
  @Field() title: string;
  @Field(() => BodyEnum) leadBody: Body;
  @Field({ description: 'DRAFT IN_PROGRESS RETURNED REJECTED ADOPTED IN_IMPLEMENTATION HALTED IMPLEMENTED WITHDRAWN SUPERSEDED' })
  status: string;
  @Field(() => [PathwayStepType]) pathway: PathwayStepType[];
  @Field(() => Int, { description: 'The stream revision this state reflects: pass it as expectedRevision.' }) revision: number;
  @Field(() => CalendarDateScalar) proposedOn: string;
  @Field(() => SourceType, { description: "The proposal's source: how exactly `proposedOn` is known." }) source: SourceType;
  @Field(() => String, { nullable: true, description: "The reference it was enacted under (a decree's number); the title stays as proposed." })
  officialReference: string | null;
  @Field(() => CalendarDateScalar, { nullable: true }) adoptedOn: string | null;
  @Field(() => CalendarDateScalar, { description: 'The latest effective date of any act on it.' }) lastActOn: string;
  @Field(() => String, { nullable: true }) supersededBy: string | null;
  @Field(() => [MilestoneType]) milestones: MilestoneType[];
  @Field(() => [PositionType]) positions: PositionType[];
  @Field(() => [FindingType]) findings: FindingType[];
  @Field(() => String, { nullable: true }) haltReason: string | null;
  @Field(() => String, { nullable: true }) withdrawnReason: string | null;
}

@ObjectType('InstrumentEdge')
export class InstrumentEdge {
  @Field() cursor: string;
  @Field(() => InstrumentType) node: InstrumentType;
}

@ObjectType('InstrumentConnection')
export class InstrumentConnection {
  @Field(() => [InstrumentEdge]) edges: InstrumentEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType('StepDecision', { description: 'A body deciding a step of an instrument.' })
export class StepDecisionType {
  @Field(() => ID) instrumentId: string;
  @Field(() => BodyEnum) body: Body;
  @Field(() => StepActionEnum) action: string;
  @Field() outcome: string;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field(() => String, { nullable: true }) meeting: string | null;
  @Field(() => String, { nullable: true }) sourceRef: string | null;
  @Field(() => SourceType) source: SourceType;
}
