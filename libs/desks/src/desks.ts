import type { Body } from '@ddr/kernel';

/** A body's secretariat desk: the commands it may issue. */
export interface Desk {
  body: Body;
  commands: readonly string[];
}

/** Every desk of the process, collected from the body modules. */
export class DeskRegistry {
  private readonly byBody = new Map<Body, Set<string>>();

  constructor(desks: readonly Desk[] = []) {
    desks.forEach((desk) => this.add(desk));
  }

  add(desk: Desk): void {
    const commands = this.byBody.get(desk.body) ?? new Set<string>();
    desk.commands.forEach((command) => commands.add(command));
    this.byBody.set(desk.body, commands);
  }

  mayIssue(body: Body, command: string): boolean {
    return this.byBody.get(body)?.has(command) ?? false;
  }

  bodies(): Body[] {
    return [...this.byBody.keys()];
  }

  commandsOf(body: Body): string[] {
    return [...(this.byBody.get(body) ?? [])];
  }
}
