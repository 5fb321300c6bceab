import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The RFC 9162 test vectors live outside the repository, in shared/ beside
 * it (/work/main next to /work/shared locally; CI copies shared/ next to its
 * clean clone), so they are found from the repository root, never from a
 * fixed absolute path.
 */
export interface Rfc9162Vector {
  readonly kind: 'inclusion' | 'consistency';
  /** Path below the vectors folder, e.g. "inclusion/4/happy-path.json". */
  readonly name: string;
  readonly file: string;
  readonly json: Record<string, unknown>;
  readonly wantErr: boolean;
}

/** The folder holding package.json and jest.config.js, found upwards from here. */
export function repositoryRoot(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = resolve(dir, '..')) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'jest.config.js'))) return dir;
    if (dir === resolve(dir, '..')) throw new Error(`no repository root above ${from}`);
  }
}

export function vectorsDirectory(): string {
  const dir = join(repositoryRoot(), '..', 'shared', 'vectors', 'rfc9162');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`RFC 9162 test vectors not found at ${dir}: the shared/ folder must sit beside the repository ` + `(e.g. /work/shared next to /work/main)`);
  }
  return dir;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? jsonFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .filter((file) => file.endsWith('.json'))
    .sort();
}

export function loadRfc9162Vectors(): Rfc9162Vector[] {
  const root = vectorsDirectory();
  return jsonFiles(root).map((file) => {
    const name = relative(root, file).split(sep).join('/');
    const kind = name.split('/')[0];
    if (kind !== 'inclusion' && kind !== 'consistency') throw new Error(`${name}: not under inclusion/ or consistency/`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (typeof json.wantErr !== 'boolean') throw new Error(`${name}: wantErr is not a boolean`);
    return { kind, name, file, json, wantErr: json.wantErr };
  });
}
