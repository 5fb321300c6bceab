import type { CalendarDate } from '@ddr/kernel';

/** A body's register of its sessions: one date per number, forever. */
export type MeetingRegister = Record<string, { effectiveDate: CalendarDate; title: string | null }>;
