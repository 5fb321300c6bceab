import type { Body, CoordinatingBody } from '@ddr/kernel';
import { issues, type AnyCommandDescriptor } from './command-descriptor';

/** A body's secretariat desk: the commands it issues. */
export interface Desk {
  body: CoordinatingBody;
  commands: readonly AnyCommandDescriptor[];
}

/** The desk of `body`: those of `descriptors` its secretariat issues. */
export const deskOf = (body: CoordinatingBody, descriptors: readonly AnyCommandDescriptor[]): Desk => ({
  body,
  commands: descriptors.filter((descriptor) => issues(body, descriptor)),
});

/** Every desk of the process, collected from the body modules. */
export class DeskRegistry {
  private readonly byBody = new Map<Body, Set<string>>();

  constructor(desks: readonly Desk[] = []) {
    desks.forEach((desk) => this.add(desk));
  }

  add(desk: Desk): void {
    const commands = this.byBody.get(desk.body) ?? new Set<string>();
    desk.commands.forEach((command) => commands.add(command.kind));
    this.byBody.set(desk.body, commands);
  }

  mayIssue(body: Body, kind: string): boolean {
    return this.byBody.get(body)?.has(kind) ?? false;
  }
}
