import { Args } from '@nestjs/graphql';
import { CalendarDateScalar } from '@ddr/desks';

/** The arguments of a body's view of one programme: which, and as of which effective date (now when left out). */
export const ProgrammeArg = () => Args('programme', { description: 'e.g. "ADDR-I"' });
export const AsOfArg = () => Args('asOf', { type: () => CalendarDateScalar, nullable: true });
