import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Body, CorrectAct, DomainEvent, JsonObject } from '@ddr/kernel';
import { describeCommand, type CommandSpec } from './command-descriptor';
import { CommandIdField, CountField, DateField, ExpectedRevisionField, ListField, SourceInput, sourceGiven, TextField } from './fields';

@InputType({ description: 'One figure of the act, by the name its event gives it (count, registered, fit, ...).' })
export class FigureInput {
  @TextField({ max: 40 })
  @Matches(/^[a-zA-Z]+$/, { message: 'name must be a figure of the act, e.g. count' })
  name: string;
  @CountField({ optional: true, description: 'null: unreported, for a figure a report may leave unknown (deserters, unfit, a training start).' })
  value: number | null;
}

/** What every correction carries: the act (its stream revision), why, and what changes. */
@InputType({ isAbstract: true })
export class CorrectionInput {
  @CommandIdField()
  commandId?: string | null;
  @Field(() => Int, { description: "The act's revision on its stream, as `history` shows it." })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  revision: number;
  @TextField({ max: 2000, description: 'Why the record was wrong: a correction always says.' })
  reason: string;
  @DateField({ optional: true, description: 'The day the act really took effect.' })
  effectiveDate?: string | null;
  @Field(() => SourceInput, { nullable: true, description: "The act's source, replacing the one recorded." })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInput)
  source?: SourceInput | null;
  @TextField({ optional: true, max: 2000, description: "The act's note, for acts that carry one." })
  note?: string | null;
  @ListField(FigureInput, { max: 10, optional: true })
  figures?: FigureInput[] | null;
  @ExpectedRevisionField()
  expectedRevision?: number | null;
}

const correctAct = (input: CorrectionInput, by: Body, subject: JsonObject): CorrectAct => ({
  type: 'CorrectAct',
  by,
  subject,
  revision: input.revision,
  reason: input.reason,
  effectiveDate: input.effectiveDate ?? null,
  source: input.source ? sourceGiven(input.source) : null,
  note: input.note ?? null,
  figures: input.figures ? Object.fromEntries(input.figures.map(({ name, value }) => [name, value ?? null])) : null,
});

/**
 * The correction command of one aggregate (`correctProgrammeAct`): the body that recorded an act corrects
 * it with a reason, as a new event on the act's stream; the chronicle of that stream decides.
 */
export function correctionCommand<Input extends CorrectionInput, Event extends DomainEvent, State>(
  spec: Pick<CommandSpec<Input, CorrectAct, Event, State>, 'name' | 'issuedBy' | 'input' | 'decider' | 'stream' | 'example'> & {
    /** The aggregate's id fields, carried into the correction event (`{ programme: 'ADDR-I' }`). */
    subject(input: Input): JsonObject;
    /** What the acts are acts on, for the description: "a programme". */
    what: string;
  },
) {
  return describeCommand<Input, CorrectAct, Event, State>({
    ...spec,
    description: `The body that recorded an act on ${spec.what} corrects its date, source, note or figures, with a reason; the original stays in the history.`,
    command: (input, by) => correctAct(input, by, spec.subject(input)),
  });
}
