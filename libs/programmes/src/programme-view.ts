import { Args } from '@nestjs/graphql';
import { CalendarDateScalar } from '@ddr/desks';

/** The arguments of a body's own view: which programme, and as of which effective date (else the body's `asOf`, else now). */
export const ProgrammeArg = () => Args('programme', { description: 'e.g. "ADDR-I"' });
export const AsOfArg = () => Args('asOf', { type: () => CalendarDateScalar, nullable: true, description: "Else the body's asOf, else now." });
