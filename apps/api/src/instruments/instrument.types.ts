import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import { StepActionEnum, StepOutcomeEnum, VisibilityEnum } from '@ddr/coordination/desk';
import { connectionOf } from '../graphql/paging';
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
  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: 'Since when it is (or was, until its decision) awaited: the date of the act that made it next. Null when not awaited.',
  })
  awaitedSince: string | null;
  @Field(() => BodyEnum, { nullable: true, description: 'The body whose act made it next: the lead body for a proposal or resubmission.' })
  handedOverBy: Body | null;
  @Field(() => Int, { nullable: true, description: 'Days it waited: until its decision, or until the date asked (asOf, else today).' })
  daysWaited: number | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Its deadline, if it has one: a date, or its days after it became awaited.' })
  dueDate?: string;
  @Field(() => Int, { nullable: true, description: 'The deadline as a number of days after the step became awaited, when set so.' })
  dueWithinDays?: number;
  @Field({ description: 'Awaited past its deadline on the date asked.' }) overdue: boolean;
}

@ObjectType('StepWait', { description: 'One wait of a pathway step: from the act that made it next to its decision, or still open.' })
export class StepWaitType {
  @Field(() => Int, { description: "The step's place in the pathway, from 0." }) step: number;
  @Field(() => BodyEnum) body: Body;
  @Field(() => StepActionEnum) action: string;
  @Field(() => BodyEnum) handedOverBy: Body;
  @Field(() => CalendarDateScalar) since: string;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Its decision, or when it was cut short (returned elsewhere, withdrawn).' })
  endedOn: string | null;
  @Field(() => StepOutcomeEnum, { nullable: true, description: 'Null while open or when cut short without a decision.' }) outcome: string | null;
  @Field(() => CalendarDateScalar, { nullable: true }) dueDate: string | null;
  @Field(() => Int, { nullable: true }) daysWaited: number | null;
  @Field() overdue: boolean;
}

@ObjectType('DueAfter', { description: 'A deadline a number of days after an act of an instrument: the approval of one of its steps, or its adoption.' })
export class DueAfterType {
  @Field(() => ID) instrumentId: string;
  @Field(() => BodyEnum, { nullable: true, description: "The step's body; null for the instrument's adoption." }) body: Body | null;
  @Field(() => StepActionEnum, { nullable: true }) action: string | null;
  @Field(() => Int) days: number;
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
  @Field(() => VisibilityEnum, {
    description: 'Who may read it: PUBLIC (every body), PATHWAY (its lead and the bodies on its pathway) or LEAD (its lead alone).',
  })
  visibility: string;
  @Field(() => [MilestoneType]) milestones: MilestoneType[];
  @Field(() => [PositionType]) positions: PositionType[];
  @Field(() => [FindingType]) findings: FindingType[];
  @Field(() => String, { nullable: true }) haltReason: string | null;
  @Field(() => String, { nullable: true }) withdrawnReason: string | null;
  @Field(() => CalendarDateScalar, { description: 'The date its waits are counted on: the asOf asked, else today.' }) on: string;
  @Field(() => [StepWaitType], { description: 'Every wait of its steps begun by that date, in the order they began.' }) waits: StepWaitType[];
}

export const InstrumentConnection = connectionOf(InstrumentType, 'Instrument');

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

export const StepDecisionConnection = connectionOf(StepDecisionType, 'StepDecision');
