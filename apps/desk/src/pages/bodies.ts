// The kernel's bodies and roles: a file with no import, so the desk bundles the very lists the API checks.
export { BODIES, OUTSIDE_ACTORS, ROLES } from '../../../../libs/kernel/src/bodies';
