import { SetMetadata } from '@nestjs/common';
import type { Role } from '@ddr/kernel';

export const ROLES_KEY = 'ddr:roles';

/** The roles that may call a resolver; without it, any authenticated caller may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
