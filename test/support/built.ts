import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Path of a compiled entry point; end-to-end suites run what `npm start` runs. */
export function built(relative: string): string {
  const path = join(ROOT, 'dist', relative);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` (npm test does it first)`);
  return path;
}
