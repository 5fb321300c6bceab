import { COORDINATING_BODIES } from '@ddr/kernel';
import { issues, validateInput } from '@ddr/desks';
import { DESKS, DESK_COMMANDS, deskCommandNamed } from './desk-commands';

describe('the desk commands, derived from their descriptors', () => {
  it('are named once each, and each name finds its descriptor', () => {
    const names = DESK_COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(deskCommandNamed(name)?.name).toBe(name);
    expect(deskCommandNamed('recordStepDecision')?.kind).toBe('RecordStepDecision');
  });

  it('give every coordinating body one desk, holding exactly the commands its secretariat issues', () => {
    expect(DESKS.map((desk) => desk.body).sort()).toEqual([...COORDINATING_BODIES].sort());
    for (const desk of DESKS) {
      expect(desk.commands.map((c) => c.name).sort()).toEqual(
        DESK_COMMANDS.filter((c) => issues(desk.body, c))
          .map((c) => c.name)
          .sort(),
      );
    }
    expect(DESKS.find((desk) => desk.body === 'CNDDR')?.commands.map((c) => c.name)).toContain('registerTranche');
    expect(DESKS.find((desk) => desk.body === 'CTS')?.commands.map((c) => c.name)).not.toContain('registerTranche');
  });

  it.each(DESK_COMMANDS.map((command) => [command.name, command] as const))('%s: its example is valid input for an issuing body', async (_, command) => {
    const body = COORDINATING_BODIES.find((candidate) => issues(candidate, command))!;
    await expect(validateInput(command.input, command.example(body, 1))).resolves.toBeInstanceOf(command.input);
  });
});
