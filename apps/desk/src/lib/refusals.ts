import { date, t, tEnum, type MessageKey } from '../i18n/i18n';

type Part = 'text' | 'body' | 'action' | 'date';
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
];

/** A refusal in the reader's language when the desk knows its wording; the API's own words otherwise. */
export function explain(message: string): string {
  for (const { pattern, key, parts } of KNOWN) {
    const match = pattern.exec(message);
    if (!match) continue;
    const params = Object.fromEntries(
      parts.map((part, index) => {
        const value = match[index + 1];
        return [`p${index + 1}`, part === 'body' ? tEnum('body', value) : part === 'action' ? tEnum('action', value) : part === 'date' ? date(value) : value];
      }),
    );
    return t(key, params);
  }
  return message;
}
