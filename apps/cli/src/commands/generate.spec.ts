import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@ddr/event-store';
import { readSettings } from '@ddr/settings';
import { generate, writeGeneratedHistory } from './generate';

const dataDir = () => mkdtempSync(join(tmpdir(), 'ddr-generate-'));
const withoutCommitTime = ({ committedAt: _, ...event }: RecordedEvent) => event;

describe('ddr generate', () => {
  it('writes exactly the history a seed gives, every time (only the commit instant differs)', async () => {
    const histories = [];
    for (const dir of [dataDir(), dataDir()]) {
      const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
      const summary = await writeGeneratedHistory(store, { events: 3_000, seed: 11 });
      expect(summary.events).toBeGreaterThanOrEqual(3_000);
      expect(summary.events).toBeLessThanOrEqual(3_001);
      histories.push((await store.readAll()).map(withoutCommitTime));
      await store.close();
    }
    expect(histories[0]).toEqual(histories[1]);
    expect(new Set(histories[0].map((e) => e.type)).size).toBeGreaterThan(15);
  });

  it('another seed gives another history', async () => {
    const read = async (seed: number) => {
      const store = new SqliteEventStore({ file: join(dataDir(), 'events.sqlite'), synchronous: 'NORMAL' });
      await writeGeneratedHistory(store, { events: 200, seed });
      const events = (await store.readAll()).map((e) => e.id);
      await store.close();
      return events;
    };
    expect(await read(1)).not.toEqual(await read(2));
  });

  it('refuses a store that is not empty, and bad arguments', async () => {
    const dir = dataDir();
    const io = { out: jest.fn(), err: jest.fn() };
    const settings = readSettings({ DATA_DIR: dir });
    expect(await generate.run(['--events', '500', '--seed', '3'], settings, io)).toBe(0);
    // Acts are written whole (an adopting decision is two events), so the last one may carry the count past 500.
    const summary = JSON.parse(io.out.mock.calls[0][0]) as { events: number; seed: number; head: string };
    expect(summary).toMatchObject({ seed: 3, head: String(summary.events) });
    expect(summary.events).toBeGreaterThanOrEqual(500);
    expect(summary.events).toBeLessThan(510);
    await expect(generate.run(['--events', '10'], settings, io)).rejects.toThrow(/not empty/);
    await expect(generate.run(['--events', 'many'], settings, io)).rejects.toThrow(/positive whole number/);
    await expect(generate.run([], settings, io)).rejects.toThrow(/--events is required/);
  });
});
