import type { CalendarDate } from '@ddr/kernel';

export interface HeldMeeting {
  effectiveDate: CalendarDate;
  title: string | null;
}

/**
 * A body's register of its sessions: one date per number, forever. A register grows by one object shared with
 * the registers it grew from: each entry says at which event it was folded, and a register sees only the entries
 * folded before its own count, so an earlier register reads as it did. Folding a session is O(1), not a copy of
 * every session before it (a body's register runs to thousands).
 */
export interface MeetingRegister {
  readonly held: Readonly<Record<string, HeldMeeting & { at: number }>>;
  /** Events folded into this register. */
  readonly folded: number;
}

/**
 * Ownership, not state: the count that the shared object was last grown to. Only the register at that count may
 * grow it in place; any other (an earlier one folded again, one read back from a snapshot) copies what it sees.
 */
const grownTo = new WeakMap<object, number>();

export function emptyRegister(): MeetingRegister {
  const held = {};
  grownTo.set(held, 0);
  return { held, folded: 0 };
}

/** The session as this register knows it. */
export function heldMeeting(register: MeetingRegister, meeting: string): HeldMeeting | undefined {
  const entry = Object.hasOwn(register.held, meeting) ? register.held[meeting] : undefined;
  return entry && entry.at < register.folded ? entry : undefined;
}

export function withMeeting(register: MeetingRegister, meeting: string, session: HeldMeeting): MeetingRegister {
  const { folded } = register;
  const entry = { ...session, at: folded };
  if (grownTo.get(register.held) === folded && !Object.hasOwn(register.held, meeting)) {
    (register.held as Record<string, HeldMeeting & { at: number }>)[meeting] = entry;
    grownTo.set(register.held, folded + 1);
    return { held: register.held, folded: folded + 1 };
  }
  const held = Object.fromEntries(Object.entries(register.held).filter(([, seen]) => seen.at < folded));
  held[meeting] = entry;
  grownTo.set(held, folded + 1);
  return { held, folded: folded + 1 };
}
