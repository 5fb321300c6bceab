import type { MessageKey } from '../i18n/i18n';
import { BODIES, OUTSIDE_ACTORS } from './bodies';

/** One field of an act's form, named as the mutation's input names it. */
export interface ActField {
  name: string;
  kind: 'text' | 'date' | 'count' | 'choice';
  required: boolean;
  /** For a choice: the enum's values, each shown through `<prefix>.<value>` of the catalogue. */
  choices?: { prefix: string; values: readonly string[] };
}

/** An act a secretariat records: the mutation it sends and its form's fields. */
export interface ActForm {
  mutation: string;
  title: MessageKey;
  fields: ActField[];
}

const text = (name: string, required = false): ActField => ({ name, kind: 'text', required });
const day = (name: string, required = true): ActField => ({ name, kind: 'date', required });
const count = (name: string, required = false): ActField => ({ name, kind: 'count', required });
const choice = (name: string, prefix: string, values: readonly string[]): ActField => ({ name, kind: 'choice', required: true, choices: { prefix, values } });
/** Every act cites its source; the API requires one where an outside actor acts. */
const SOURCE = [text('sourceRef'), text('sourceNote')];

/** The secretariat's acts the desk records, each validated as the API validates its input. */
export const ACTS: ActForm[] = [
  {
    mutation: 'recordStepDecision',
    title: 'act.recordStepDecision',
    fields: [
      text('instrumentId', true),
      choice('body', 'body', BODIES),
      choice('action', 'action', ['ADOPT', 'REVIEW', 'APPROVE', 'FINAL_ADOPTION', 'ENDORSE', 'SIGN']),
      choice('outcome', 'outcome', ['APPROVED', 'REJECTED', 'RETURNED']),
      day('effectiveDate'),
      text('meeting'),
      ...SOURCE,
    ],
  },
  {
    mutation: 'recordMilestone',
    title: 'act.recordMilestone',
    fields: [text('instrumentId', true), text('milestone', true), day('effectiveDate'), count('count'), text('place'), ...SOURCE],
  },
  {
    mutation: 'registerTranche',
    title: 'act.registerTranche',
    fields: [text('programme', true), text('tranche', true), count('count', true), count('deserters'), day('effectiveDate'), ...SOURCE],
  },
  {
    mutation: 'makeCommitment',
    title: 'act.makeCommitment',
    fields: [
      text('commitmentId', true),
      choice('body', 'body', BODIES),
      text('description', true),
      day('dueDate'),
      day('effectiveDate'),
      text('instrumentId'),
      ...SOURCE,
    ],
  },
  {
    mutation: 'noteCommitmentProgress',
    title: 'act.noteCommitmentProgress',
    fields: [text('commitmentId', true), text('note', true), day('effectiveDate'), ...SOURCE],
  },
  {
    mutation: 'correctInstrumentAct',
    title: 'act.correctInstrumentAct',
    fields: [text('instrumentId', true), count('revision', true), text('reason', true), day('effectiveDate', false), text('note')],
  },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A meeting is cited as `<BODY>-<number>` (DESIGN.md: `CTS-41`). */
const MEETING = /^[A-Z_]+-\d+$/;
/** Bodies with no secretariat: their acts are recorded by the lead body, always with a source reference. */
const OUTSIDE = new Set<string>(OUTSIDE_ACTORS);

function isCalendarDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** What the API would refuse in this input, by field: a missing required value, a date or count that is not one. */
export function problemsOf(form: ActForm, values: Record<string, string>): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  for (const field of form.fields) {
    const value = (values[field.name] ?? '').trim();
    if (!value) {
      if (field.required) problems[field.name] = 'form.required';
      continue;
    }
    if (field.kind === 'date' && !isCalendarDate(value)) problems[field.name] = 'form.badDate';
    if (field.kind === 'count' && !/^\d+$/.test(value)) problems[field.name] = 'form.badCount';
    if (field.name === 'meeting' && !MEETING.test(value)) problems[field.name] = 'form.badMeeting';
  }
  const fieldNames = new Set(form.fields.map((field) => field.name));
  if (fieldNames.has('sourceRef') && OUTSIDE.has(values.body ?? '') && !(values.sourceRef ?? '').trim()) problems.sourceRef = 'form.sourceRequired';
  return problems;
}

/** The mutation's input from the form's values: empty fields left out (never sent as 0 or ""), counts as numbers. */
export function inputOf(form: ActForm, values: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = (values[field.name] ?? '').trim();
    if (value) input[field.name] = field.kind === 'count' ? Number(value) : value;
  }
  return input;
}
