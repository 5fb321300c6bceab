import type { CliCommand } from '../../cli-command';
import { ledgerCheckpoint, ledgerPublicKey, ledgerStatus } from './checkpoint';
import { ledgerConsistency, ledgerProve } from './proofs';
import { replay } from './replay';
import { exportCommand, importCommand } from './transfer';
import { ledgerVerify } from './verify';
import { ledgerWitness } from './witness';

/** The ledger's commands: checkpoints, proofs, verification, witnesses, and the auditor's replay, export and import. */
export const LEDGER_COMMANDS: CliCommand[] = [
  ledgerCheckpoint,
  ledgerProve,
  ledgerConsistency,
  ledgerVerify,
  ledgerWitness,
  ledgerStatus,
  ledgerPublicKey,
  replay,
  exportCommand,
  importCommand,
];
