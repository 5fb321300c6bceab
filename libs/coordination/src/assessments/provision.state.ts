import type { CalendarDate, Source } from '@ddr/kernel';
import type { Theme } from './theme.state';

export interface Provision {
  id: string;
  instrumentId: string;
  chapter: string;
  article: string | null;
  title: string;
  theme: Theme;
  definedOn: CalendarDate;
  source: Source;
}
