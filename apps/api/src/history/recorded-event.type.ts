import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { RecordedEvent } from '@ddr/event-store';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, DateTimeScalar, JsonScalar } from '@ddr/desks';

@ObjectType('RecordedEvent', { description: 'An event as recorded, with its whole envelope: who, when (both clocks), on whose authority.' })
export class RecordedEventType {
  @Field() type: string;
  @Field() streamId: string;
  @Field(() => Int) revision: number;
  @Field({ description: 'Consistency token: pass it as minPosition to read your own writes.' }) position: string;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'When the act took effect.' }) effectiveDate: string | null;
  @Field(() => DateTimeScalar, { description: 'When the secretariat recorded it.' }) recordedAt: string;
  @Field() actor: string;
  @Field(() => BodyEnum, { nullable: true }) body: Body | null;
  @Field(() => String, { nullable: true }) role: string | null;
  @Field(() => String, { nullable: true }) commandId: string | null;
  @Field(() => String, { nullable: true }) correlationId: string | null;
  @Field(() => String, { nullable: true }) causationId: string | null;
  @Field(() => Int, { nullable: true }) schemaVersion: number | null;
  @Field() id: string;
  @Field(() => JsonScalar) data: unknown;
  @Field(() => JsonScalar, { description: 'The whole envelope as stored.' }) metadata: unknown;
  @Field(() => Int, { nullable: true, description: 'For a correction (ActCorrected): the revision of the act it corrects.' }) corrects: number | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

export function toRecordedEventType(event: RecordedEvent): RecordedEventType {
  const m = event.metadata;
  return {
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    effectiveDate: text(m.effectiveDate),
    recordedAt: text(m.recordedAt) ?? event.committedAt,
    actor: text(m.actor) ?? 'unknown',
    body: text(m.body) as Body | null,
    role: text(m.role),
    commandId: text(m.commandId),
    correlationId: text(m.correlationId),
    causationId: text(m.causationId),
    schemaVersion: typeof m.schemaVersion === 'number' ? m.schemaVersion : null,
    id: event.id,
    data: event.data,
    metadata: event.metadata,
    corrects: event.type === 'ActCorrected' && typeof event.data.revision === 'number' ? event.data.revision : null,
  };
}
