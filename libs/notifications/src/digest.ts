import type { Body, CalendarDate } from '@ddr/kernel';

export const DIGEST_FREQUENCIES = ['DAILY', 'WEEKLY'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export const DIGEST_LANGUAGES = ['FR', 'EN'] as const;
export type DigestLanguage = (typeof DIGEST_LANGUAGES)[number];

/** The period a digest covers, named so that one digest per subscription and period is ever sent: `2026-11-30` or `2026-W49`. */
export function digestPeriod(frequency: DigestFrequency, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  if (frequency === 'DAILY') return day;
  // ISO week: the week of the Thursday of this week.
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const firstOfYear = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - firstOfYear) / (7 * 86_400_000)) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export interface DigestContent {
  body: Body;
  language: DigestLanguage;
  period: string;
  /** Instruments whose step awaits the body, with the day they started waiting. */
  awaiting: Array<{ title: string; action: string; since: CalendarDate; link: string }>;
  /** The body's commitments past their due date, unfulfilled. */
  overdue: Array<{ description: string; dueDate: CalendarDate; link: string }>;
  /** Steps that await the body past their deadline. */
  overdueSteps: Array<{ title: string; action: string; since: CalendarDate; dueDate: CalendarDate; link: string }>;
  /** Conditions past their deadline, not met, that the body set or that wait on its steps or commitments. */
  overdueConditions: Array<{ title: string; dueDate: CalendarDate; link: string }>;
  /** Steps decided on instruments whose pathway passes through the body, since the last digest. */
  decided: Array<{ title: string; decidedBy: Body; action: string; outcome: string; on: CalendarDate; link: string }>;
}

const WORDS = {
  FR: {
    subject: (body: string, period: string) => `[DDR] ${body} : point du ${period}`,
    intro: (body: string) => `Point de situation pour le secrétariat de ${body}.`,
    awaiting: 'En attente de votre décision',
    overdue: 'Engagements en retard',
    overdueSteps: 'Étapes en attente au-delà de leur échéance',
    overdueConditions: 'Conditions non remplies à leur échéance',
    decided: 'Décidé depuis le dernier point',
    none: '(rien)',
    since: 'depuis le',
    due: 'échéance',
    by: 'par',
    on: 'le',
    footer: 'Ce message est envoyé par le registre de coordination DDR. Les liens ouvrent le bureau (desk) du serveur.',
  },
  EN: {
    subject: (body: string, period: string) => `[DDR] ${body}: digest for ${period}`,
    intro: (body: string) => `Where things stand for the ${body} secretariat.`,
    awaiting: 'Awaiting your decision',
    overdue: 'Overdue commitments',
    overdueSteps: 'Steps awaited past their deadline',
    overdueConditions: 'Conditions unmet past their deadline',
    decided: 'Decided since the last digest',
    none: '(nothing)',
    since: 'since',
    due: 'due',
    by: 'by',
    on: 'on',
    footer: 'Sent by the DDR coordination ledger. Links open the server’s desk.',
  },
} as const;

const ACTIONS_FR: Record<string, string> = {
  ADOPT: 'adoption',
  REVIEW: 'examen',
  APPROVE: 'approbation',
  FINAL_ADOPTION: 'adoption finale',
  ENDORSE: 'validation',
};
const OUTCOMES_FR: Record<string, string> = { APPROVED: 'approuvé', REJECTED: 'rejeté', RETURNED: 'renvoyé pour révision' };

/** The digest as plain text, in the body's language; links are made absolute with `baseUrl`. */
export function composeDigest(content: DigestContent, baseUrl: string): { subject: string; text: string } {
  const w = WORDS[content.language];
  const fr = content.language === 'FR';
  const action = (a: string) => (fr ? (ACTIONS_FR[a] ?? a) : a.toLowerCase().replace('_', ' '));
  const outcome = (o: string) => (fr ? (OUTCOMES_FR[o] ?? o) : o.toLowerCase());
  const url = (link: string) => `${baseUrl.replace(/\/$/, '')}${link}`;
  const section = (title: string, lines: string[]) => [`${title} (${lines.length})`, ...(lines.length ? lines : [`  ${w.none}`]), ''];
  const text = [
    w.intro(content.body),
    '',
    ...section(
      w.awaiting,
      content.awaiting.map((a) => `  - ${a.title}: ${action(a.action)}, ${w.since} ${a.since}\n    ${url(a.link)}`),
    ),
    ...section(
      w.overdue,
      content.overdue.map((o) => `  - ${o.description} (${w.due} ${o.dueDate})\n    ${url(o.link)}`),
    ),
    ...section(
      w.overdueSteps,
      content.overdueSteps.map((o) => `  - ${o.title}: ${action(o.action)}, ${w.since} ${o.since} (${w.due} ${o.dueDate})\n    ${url(o.link)}`),
    ),
    ...section(
      w.overdueConditions,
      content.overdueConditions.map((o) => `  - ${o.title} (${w.due} ${o.dueDate})\n    ${url(o.link)}`),
    ),
    ...section(
      w.decided,
      content.decided.map((d) => `  - ${d.title}: ${action(d.action)} ${outcome(d.outcome)} ${w.by} ${d.decidedBy} ${w.on} ${d.on}\n    ${url(d.link)}`),
    ),
    w.footer,
  ].join('\n');
  return { subject: w.subject(content.body, content.period), text };
}
