import { commitmentsPage } from './commitments';
import { delaysPage } from './delays';
import { gradesPage } from './grades';
import { instrumentPage } from './instrument';
import { meetingsPage } from './meetings';
import { myBodyPage } from './my-body';
import type { DeskPage } from './page';
import { programmePage } from './programme';
import { recordPage } from './record';
import { timelinePage } from './timeline';
import { verificationPage } from './verification';

/** Every page of the desk, in the navigation's order. A new page is its file, a line here, and its catalogue keys. */
export const PAGES: DeskPage[] = [
  myBodyPage,
  instrumentPage,
  programmePage,
  commitmentsPage,
  gradesPage,
  meetingsPage,
  timelinePage,
  delaysPage,
  recordPage,
  verificationPage,
];
