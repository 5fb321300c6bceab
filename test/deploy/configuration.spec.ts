import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/built';

/** Where the deployables read the environment: `env.X`, `env['X']`, and the settings helpers' `(env, 'X', ...)`. */
const READS = [/\benv\.([A-Z][A-Z0-9_]*)/g, /\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g, /\(env, '([A-Z][A-Z0-9_]*)'/g];

/** Source the deployables run: apps/ and libs/, without specs and test helpers. */
function deployedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : deployedSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function variablesRead(): Map<string, string> {
  const readBy = new Map<string, string>();
  for (const file of ['apps', 'libs'].flatMap((dir) => deployedSources(join(ROOT, dir)))) {
    const source = readFileSync(file, 'utf8');
    for (const pattern of READS) for (const [, name] of source.matchAll(pattern)) readBy.set(name, relative(ROOT, file));
  }
  return readBy;
}

/** The variables named in the first column of the README's configuration table. */
function variablesDocumented(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Configuration\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map(([, name]) => name));
}

describe("the README's configuration table", () => {
  const read = variablesRead();
  const documented = variablesDocumented();

  it('finds the settings the code reads', () => {
    expect(read.get('PORT')).toBe('libs/settings/src/settings.ts');
    expect(read.get('SQLITE_BUSY_TIMEOUT_MS')).toBe('libs/settings/src/settings.ts');
  });

  it('has a row for every variable the apps and libraries read', () => {
    expect([...read.keys()].filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('has no row for a variable nothing reads', () => {
    expect(documented.filter((name) => !read.has(name))).toEqual([]);
  });
});
