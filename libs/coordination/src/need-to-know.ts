import type { Body } from '@ddr/kernel';
import type { Commitment } from './commitments/commitment.state';
import type { Condition } from './conditions/condition.state';

/** The instruments a commitment or a condition hangs off: what it is about, what it requires, the act its deadline counts from. */
export function instrumentsTiedTo(item: Commitment | Condition): string[] {
  const own = 'requires' in item ? item.requires.flatMap((r) => ('instrumentId' in r ? [r.instrumentId] : [])) : [item.instrumentId];
  return [...new Set([...own, item.dueAfter?.instrumentId].filter((id): id is string => !!id))];
}

/**
 * Who may read an item tied to instruments, given each one's readers (null: public): the bodies that may read every
 * restricted one, and always the body that recorded the item; null (public) when none of them is restricted.
 */
export function tiedReaders(owner: Body, instrumentReaders: ReadonlyArray<Body[] | null>): Body[] | null {
  const restricted = instrumentReaders.filter((readers): readers is Body[] => readers !== null);
  if (restricted.length === 0) return null;
  return [...new Set([owner, ...restricted.reduce((all, readers) => all.filter((body) => readers.includes(body)))])];
}
