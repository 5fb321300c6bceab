import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Summarises a `node --cpu-prof` profile: the functions with the most self
 * time (time in the function itself, native calls it makes included).
 * Usage: node dist/bench/cpu-profile.js FILE.cpuprofile [TOP] [--last SECONDS]
 * (--last: only the samples of the profile's last SECONDS, e.g. a load run
 * before the server was stopped, without its start).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function topSelfTime(profile: Profile, top = 20, lastSeconds = Infinity): Array<{ fn: string; ms: number; share: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const at: number[] = [];
  profile.timeDeltas.reduce((t, delta, i) => (at[i] = t + delta), 0);
  const from = (at[at.length - 1] ?? 0) - lastSeconds * 1e6;
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (at[i] < from) return;
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${relative(process.cwd(), frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    const micros = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + micros);
    total += micros;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, micros]) => ({ fn, ms: micros / 1000, share: micros / total }));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const last = args.indexOf('--last');
  const lastSeconds = last >= 0 ? Number(args.splice(last, 2)[1]) : Infinity;
  const [file, top] = args;
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile.js FILE.cpuprofile [TOP] [--last SECONDS]\n');
    process.exit(2);
  }
  const rows = topSelfTime(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 20), lastSeconds);
  for (const row of rows) process.stdout.write(`${row.ms.toFixed(0).padStart(8)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.fn}\n`);
}
