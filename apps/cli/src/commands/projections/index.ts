import type { CliCommand } from '../../cli-command';
import { projectionsRebuild } from './rebuild';
import { projectionsReplay } from './replay';

/** The read model's commands: rebuild it from the log, or replay the log into a fresh one as of a point. */
export const PROJECTION_COMMANDS: CliCommand[] = [projectionsRebuild, projectionsReplay];
