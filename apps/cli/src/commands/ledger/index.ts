import type { CliCommand } from '../../cli-command';
import { ledgerCheckpoint, ledgerPublicKey, ledgerStatus } from './checkpoint';
import { ledgerKey } from './key';
import { ledgerConsistency, ledgerProve } from './proofs';
import { exportCommand, importCommand } from './transfer';
import { ledgerVerify } from './verify';
import { ledgerWitness } from './witness';

/** The ledger's commands: checkpoints, proofs, verification, witnesses, the checkpoint key, export and import. */
export const LEDGER_COMMANDS: CliCommand[] = [
  ledgerCheckpoint,
  ledgerProve,
  ledgerConsistency,
  ledgerVerify,
  ledgerWitness,
  ledgerStatus,
  ledgerPublicKey,
  ledgerKey,
  exportCommand,
  importCommand,
];
