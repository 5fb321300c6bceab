import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/i18n';
import type { Route } from '../lib/route';
import type { Session } from '../lib/session';

/** A page of the desk: its address (`#/<id>`), its title, who may see it, and what it shows. */
export interface DeskPage {
  id: string;
  title: MessageKey;
  /** The roles that see it; every role when absent. */
  roles?: Array<Session['role']>;
  /** Listed in the navigation; a page reached by a link only (an instrument) is not. */
  listed: boolean;
  render(route: Route, session: Session): ComponentChildren;
}
