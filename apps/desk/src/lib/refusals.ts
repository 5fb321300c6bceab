import { date, t, tEnum, type MessageKey } from '../i18n/i18n';

type Part = 'text' | 'body' | 'action' | 'status' | 'date';
/** The API's refusals the desk's forms meet most, as the deciders word them, each said again in the reader's language. */
const KNOWN: Array<{ pattern: RegExp; key: MessageKey; parts: Part[] }> = [
  { pattern: /^(\S+) has no step (\S+) (\S+) on its pathway$/, key: 'refusal.noStep', parts: ['text', 'body', 'action'] },
  { pattern: /^(\S+) (\S+) on (\S+) is already decided \((\S+)\)$/, key: 'refusal.alreadyDecided', parts: ['body', 'action', 'text', 'text'] },
  { pattern: /^(\S+) was not yet proposed on (\S+)$/, key: 'refusal.notYetProposed', parts: ['text', 'date'] },
  { pattern: /^only the (\S+) secretariat, which leads (\S+), may do this$/, key: 'refusal.notLead', parts: ['body', 'text'] },
  { pattern: /^meeting (\S+) is not a session of (\S+)$/, key: 'refusal.notSession', parts: ['text', 'body'] },
  { pattern: /^(\S+) was held on (\S+), not (\S+)$/, key: 'refusal.meetingDate', parts: ['text', 'date', 'date'] },
  { pattern: /^no instrument (\S+)$/, key: 'refusal.noInstrument', parts: ['text'] },
  { pattern: /^no commitment (\S+)$/, key: 'refusal.noCommitment', parts: ['text'] },
  { pattern: /^commitment (\S+) already exists$/, key: 'refusal.commitmentExists', parts: ['text'] },
  { pattern: /^(\S+) did not await (\S+) (\S+) on (\S+) \(it was (\S+)\)$/, key: 'refusal.notAwaited', parts: ['text', 'body', 'action', 'date', 'status'] },
  { pattern: /^(\S+) was not fully approved on (\S+)$/, key: 'refusal.notApproved', parts: ['text', 'date'] },
  { pattern: /^(\S+) is already recorded, held on (\S+); a meeting number cannot be reused$/, key: 'refusal.meetingReused', parts: ['text', 'date'] },
  { pattern: /^an act of (\S+) must cite a source reference$/, key: 'refusal.sourceRequired', parts: ['body'] },
  { pattern: /^a commitment of (\S+) must cite a source reference$/, key: 'refusal.commitmentSource', parts: ['body'] },
  { pattern: /^(\S+) has no tranche (\S+)$/, key: 'refusal.noTranche', parts: ['text', 'text'] },
  { pattern: /^(\S+) was not yet launched on (\S+)$/, key: 'refusal.notLaunched', parts: ['text', 'date'] },
  { pattern: /^(\S+) is before the commitment was made \((\S+)\)$/, key: 'refusal.beforeCommitment', parts: ['date', 'date'] },
  { pattern: /^due date (\S+) is before the commitment was made \((\S+)\)$/, key: 'refusal.dueBeforeMade', parts: ['date', 'date'] },
  { pattern: /^commitment (\S+) was not yet made on (\S+)$/, key: 'refusal.commitmentNotMade', parts: ['text', 'date'] },
  { pattern: /^commitment (\S+) was fulfilled on (\S+)$/, key: 'refusal.commitmentFulfilled', parts: ['text', 'date'] },
  { pattern: /^(\S+) is for the (\S+) secretariat, not (\S+)$/, key: 'refusal.otherDesk', parts: ['text', 'body', 'body'] },
];

/** class-validator's constraints as the API words them after the field's name (`libs/desks/src/command-input.ts`). */
const CONSTRAINTS: Array<{ pattern: RegExp; key: MessageKey }> = [
  { pattern: /^must be a real calendar date \(YYYY-MM-DD\), not in the future$/, key: 'problem.futureDate' },
  { pattern: /^must be a real calendar date \(YYYY-MM-DD\)$/, key: 'problem.date' },
  { pattern: /^should not be empty$/, key: 'problem.empty' },
  { pattern: /^must be a string$/, key: 'problem.text' },
  { pattern: /^must be an integer number$/, key: 'problem.integer' },
  { pattern: /^must not be less than (\S+)$/, key: 'problem.min' },
  { pattern: /^must not be greater than (\S+)$/, key: 'problem.max' },
  { pattern: /^must read <BODY>-<number>, e\.g\. (\S+)$/, key: 'problem.meeting' },
  { pattern: /^must be one of the following values: (.+)$/, key: 'problem.oneOf' },
  { pattern: /^should not exist$/, key: 'problem.unknownField' },
];

/**
 * One field's problem (`extensions.problems`: `effectiveDate must be ...`), the field named by its label in the
 * reader's language, and the constraint said again when the desk knows its wording.
 */
export function explainProblem(problem: string): string {
  const [, path, constraint] = /^(\S+) (.*)$/.exec(problem) ?? [problem, '', problem];
  const field = path.split('.').pop() ?? path;
  const known = CONSTRAINTS.map(({ pattern, key }) => ({ key, match: pattern.exec(constraint) })).find(({ match }) => match);
  const said = known?.match ? t(known.key, { p1: known.match[1] ?? '' }) : constraint;
  return path ? t('problem.field', { field: tEnum('field', field), problem: said }) : said;
}

/** A refusal in the reader's language when the desk knows its wording; the API's own words otherwise. */
export function explain(message: string): string {
  for (const { pattern, key, parts } of KNOWN) {
    const match = pattern.exec(message);
    if (!match) continue;
    const params = Object.fromEntries(
      parts.map((part, index) => {
        const value = match[index + 1];
        return [`p${index + 1}`, part === 'date' ? date(value) : part === 'text' ? value : tEnum(part, value)];
      }),
    );
    return t(key, params);
  }
  return message;
}
