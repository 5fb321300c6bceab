import { Inject } from '@nestjs/common';
import { Args, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, graphqlEnum } from '@ddr/desks';
import { listCommitments, today, type CommitmentReading } from '@ddr/read-model';
import { ReadSide } from '../read-side/read-side';
import { SourceType } from '../sources/source.type';

export const CommitmentStatusEnum = graphqlEnum(['OPEN', 'FULFILLED', 'OVERDUE'] as const, 'CommitmentStatus');

@ObjectType('CommitmentNote', { description: 'Progress noted on a commitment, or the note given when it was kept.' })
export class CommitmentNoteType {
  @Field() note: string;
  @Field(() => CalendarDateScalar) effectiveDate: string;
  @Field({ description: 'Given when the commitment was kept.' }) fulfilment: boolean;
  @Field(() => SourceType) source: SourceType;
}

@ObjectType('Commitment', { description: 'A dated promise by a body; overdue once its due date has passed unfulfilled.' })
export class CommitmentType {
  @Field(() => ID) id: string;
  @Field(() => BodyEnum) body: Body;
  @Field() description: string;
  @Field(() => CalendarDateScalar) dueDate: string;
  @Field({ description: 'OPEN, FULFILLED or OVERDUE, on the date asked about (today by default).' }) status: string;
  @Field(() => CalendarDateScalar) madeOn: string;
  @Field(() => CalendarDateScalar, { nullable: true }) fulfilledOn: string | null;
  @Field(() => String, { nullable: true }) instrumentId: string | null;
  @Field(() => String, { nullable: true, description: 'The latest progress note.' }) lastNote: string | null;
  @Field(() => BodyEnum) recordedBy: Body;
  @Field(() => SourceType, { description: 'Where the promise is recorded from.' }) source: SourceType;
  @Field(() => [CommitmentNoteType], { description: 'Every note, oldest first, as of the date asked about.' }) notes: CommitmentNoteType[];
}

@Resolver()
export class CommitmentsResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @Query(() => [CommitmentType])
  async commitments(
    @Args('body', { type: () => BodyEnum, nullable: true }) body?: Body,
    @Args('status', { type: () => CommitmentStatusEnum, nullable: true }) status?: string,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true }) asOf?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<CommitmentReading[]> {
    await this.readSide.consistent(minPosition);
    return listCommitments(this.readSide.db, asOf ?? today(), { body, status });
  }
}
