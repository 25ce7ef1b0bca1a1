/**
 * What the runner spawns: the built-in collector by default (node with tsx's loader, absolute paths so it
 * works from any cwd), or any command line via `sh -c`; and the target-contract environment it gets.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SoakError } from '../errors.ts';
import { REPO_ROOT } from './run-dir.ts';

/** argv to spawn and how the report names the target. */
export interface TargetCommand {
  command: string;
  args: string[];
  label: string;
}

/** The built-in collector, or `sh -c <commandLine>`. */
export function targetCommand(commandLine: string | undefined): TargetCommand {
  if (commandLine !== undefined) return { command: '/bin/sh', args: ['-c', commandLine], label: commandLine };
  const loader = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  const main = join(REPO_ROOT, 'src', 'cli', 'main.ts');
  if (!existsSync(loader)) throw new SoakError('SOAK_ERR_TARGET', `tsx is not installed (${loader} missing); run npm ci`);
  return { command: process.execPath, args: ['--import', loader, main], label: 'soakbook collector' };
}

/** The target-contract variables (DESIGN.md) and the agent preload. */
export interface ContractEnv {
  binance?: { wsUrl: string; restUrl: string; symbols: readonly string[] };
  okx?: { wsUrl: string; symbols: readonly string[] };
  metricsPort: number;
  agentSocket: string;
  agentBundle: string;
}

/** The environment for the target: ours minus any inherited SOAK_* variables, plus the contract. */
export function contractEnv(base: NodeJS.ProcessEnv, contract: ContractEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // An inherited SOAK_* would point the target at some other run's mocks.
  for (const [key, value] of Object.entries(base)) if (!key.startsWith('SOAK_')) env[key] = value;
  if (contract.binance) {
    env.SOAK_BINANCE_WS = contract.binance.wsUrl;
    env.SOAK_BINANCE_REST = contract.binance.restUrl;
    env.SOAK_BINANCE_SYMBOLS = contract.binance.symbols.join(',');
  }
  if (contract.okx) {
    env.SOAK_OKX_WS = contract.okx.wsUrl;
    env.SOAK_OKX_SYMBOLS = contract.okx.symbols.join(',');
  }
  env.SOAK_METRICS_PORT = String(contract.metricsPort);
  env.SOAK_AGENT_SOCKET = contract.agentSocket;
  // NODE_OPTIONS splits on spaces unless quoted.
  const bundle = /\s/.test(contract.agentBundle) ? `"${contract.agentBundle}"` : contract.agentBundle;
  env.NODE_OPTIONS = [base.NODE_OPTIONS, `--require ${bundle}`].filter(Boolean).join(' ');
  return env;
}
