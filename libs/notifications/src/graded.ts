import { GRADE_LEVELS, type Commitment, type Condition, type GradedKind } from '@ddr/coordination';
import type { Source } from '@ddr/kernel';
import { noticeId, type LoggedFact } from './logged-fact';
import { deskLink, type Notice, type NotificationKind } from './notification-kinds';

const GRADED: Partial<Record<GradedKind, NotificationKind>> = { COMMITMENT: 'COMMITMENT_GRADED', CONDITION: 'CONDITION_GRADED' };

/**
 * An assessment of a commitment or a condition (`ImplementationGraded`), told to the body that owns it:
 * the commitment's body, the body that set the condition. A provision of the Agreement has no one body.
 */
export function gradedNotices(
  fact: LoggedFact,
  commitmentOf: (id: string) => Commitment | undefined,
  conditionOf: (id: string) => Condition | undefined,
): Notice[] {
  const { item, itemId, assessor, grade, finding, source } = fact.data as {
    item: GradedKind;
    itemId: string;
    assessor: string;
    grade: number;
    finding: string;
    source: Source;
  };
  const kind = GRADED[item];
  const owned = item === 'COMMITMENT' ? commitmentOf(itemId) : item === 'CONDITION' ? conditionOf(itemId) : undefined;
  if (!kind || !owned) return [];
  const what = 'description' in owned ? owned.description : owned.title;
  const level = GRADE_LEVELS[grade] ?? null;
  return [
    {
      id: noticeId(kind, fact.id),
      kind,
      body: owned.body,
      position: fact.position,
      effectiveDate: fact.effectiveDate,
      summary: `${assessor} graded ${owned.body}'s ${item.toLowerCase()} "${what}" ${grade} (${level}) on ${fact.effectiveDate}`,
      link: item === 'COMMITMENT' ? deskLink.commitment(itemId) : deskLink.condition(itemId),
      details: { item, itemId, description: what, grade, level, assessor, finding, source },
    },
  ];
}
