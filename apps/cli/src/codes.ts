import { BODIES, ROLES, isBody, isRole, type Body, type Role } from '@ddr/kernel';
import { UsageError } from './cli-command';

/** A body code as typed (`scds` reads as SCDS); refused with the list of bodies. */
export function parseBody(text: string): Body {
  const body = text.toUpperCase();
  if (!isBody(body)) throw new UsageError(`unknown body ${text}; one of ${BODIES.join(', ')}`);
  return body;
}

/** A role as typed (`liaison` reads as LIAISON); refused with the list of roles. */
export function parseRole(text: string): Role {
  const role = text.toUpperCase();
  if (!isRole(role)) throw new UsageError(`unknown role ${text}; one of ${ROLES.join(', ')}`);
  return role;
}
