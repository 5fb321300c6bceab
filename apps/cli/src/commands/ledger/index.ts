import type { CliCommand } from '../../cli-command';
import { ledgerCheckpoint, ledgerPublicKey, ledgerStatus } from './checkpoint';
import { ledgerConsistency, ledgerProve } from './proofs';
import { exportCommand, importCommand } from './transfer';
import { ledgerVerify } from './verify';
import { ledgerWitness } from './witness';

/** The ledger's commands: checkpoints, proofs, verification, witnesses, export and import. */
export const LEDGER_COMMANDS: CliCommand[] = [
  ledgerCheckpoint,
  ledgerProve,
  ledgerConsistency,
  ledgerVerify,
  ledgerWitness,
  ledgerStatus,
  ledgerPublicKey,
  exportCommand,
  importCommand,
];
