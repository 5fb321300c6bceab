import { existsSync } from 'node:fs';

/** A file the user named is theirs: written over only when they say so. */
export function refuseOverwrite(file: string, force: boolean | undefined): void {
  if (existsSync(file) && !force) throw new Error(`${file} exists: pass --force to overwrite it`);
}
