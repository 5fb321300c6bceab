import type { Condition } from '@ddr/coordination';
import type { Chronicle, DomainEvent, JsonObject } from '@ddr/kernel';
import { bodiesRelyingOn, type Subject } from './concerned';
import { noticeId, type LoggedFact } from './logged-fact';
import { deskLink, type Notice } from './notification-kinds';

const subjectOf = (subject: Subject): { id: string; title: string; link: string } => {
  switch (subject.kind) {
    case 'instrument':
      return { id: subject.state.id, title: subject.state.title, link: deskLink.instrument(subject.state.id) };
    case 'commitment':
      return { id: subject.state.id, title: subject.state.description, link: deskLink.commitment(subject.state.id) };
    case 'condition':
      return { id: subject.state.id, title: subject.state.title, link: deskLink.condition(subject.state.id) };
    case 'programme':
      return { id: subject.state.code, title: subject.state.title, link: deskLink.programme(subject.state.code) };
  }
};

/**
 * `act.corrected`: an act was corrected by the body that recorded it. Told to every other body
 * that relies on its subject (bodiesRelyingOn), with what changed, what it held before, the
 * reason, and the act's source as it now stands.
 */
export function correctionNotices(
  fact: LoggedFact,
  subject: Subject | null,
  corrected: Chronicle<DomainEvent, unknown>,
  conditions: readonly Condition[],
  commitmentOf: Parameters<typeof bodiesRelyingOn>[2],
): Notice[] {
  const { revision, reason, changes, previous } = fact.data as { revision: number; reason: string; changes: JsonObject; previous: JsonObject };
  const act = corrected.entries[revision]?.act;
  if (!subject || !act) return [];
  const { id, title, link } = subjectOf(subject);
  const by = fact.recordedBy ?? null;
  const details: JsonObject = {
    subjectKind: subject.kind,
    subjectId: id,
    revision,
    act: act.type,
    correctedBy: by,
    reason,
    changes,
    previous,
    source: act.data.source ?? null,
  };
  const told = bodiesRelyingOn(subject, conditions, commitmentOf).filter((body) => body !== by);
  return told.map((body) => ({
    id: noticeId('ACT_CORRECTED', fact.id, body),
    kind: 'ACT_CORRECTED' as const,
    body,
    position: fact.position,
    effectiveDate: fact.effectiveDate,
    summary: `${by ?? 'a secretariat'} corrected ${act.type} (revision ${revision}) of ${title}: ${reason}`,
    link,
    details,
  }));
}
