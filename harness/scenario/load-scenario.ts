/**
 * Finds a scenario by shipped name or file path, validates it, and turns every problem into one line
 * (SOAK_ERR_SCENARIO) before anything starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { SoakError } from '../errors.ts';
import { SHIPPED_SCENARIOS } from '../../scenarios/index.ts';
import { scenarioSchema, type Scenario } from './scenario-schema.ts';

/** Names of the scenarios shipped in scenarios/. */
export function shippedScenarioNames(): string[] {
  return Object.keys(SHIPPED_SCENARIOS);
}

/** Validates raw scenario data; `label` names it in the one-line error. */
export function parseScenario(raw: unknown, label: string): Scenario {
  const result = scenarioSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new SoakError('SOAK_ERR_SCENARIO', `scenario ${label}: ${describeIssues(result.error.issues)}`);
}

/** Loads `--scenario <name|file>`: a shipped name first, else a .ts/.js/.mjs/.json file. */
export async function loadScenario(nameOrFile: string, cwd: string = process.cwd()): Promise<Scenario> {
  const shipped = SHIPPED_SCENARIOS[nameOrFile];
  if (shipped) return parseScenario(shipped, nameOrFile);
  const file = resolve(cwd, nameOrFile);
  if (!existsSync(file)) {
    throw new SoakError('SOAK_ERR_SCENARIO', `no scenario named '${nameOrFile}' and no such file (shipped: ${shippedScenarioNames().join(', ')})`);
  }
  return parseScenario(await readScenarioFile(file), nameOrFile);
}

async function readScenarioFile(file: string): Promise<unknown> {
  const ext = extname(file);
  try {
    if (ext === '.json') return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (ext === '.ts' || ext === '.js' || ext === '.mjs') {
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown; scenario?: unknown };
      return mod.default ?? mod.scenario;
    }
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new SoakError('SOAK_ERR_SCENARIO', `scenario ${file}: cannot be read: ${why}`, { cause: error });
  }
  throw new SoakError('SOAK_ERR_SCENARIO', `scenario ${file}: must be a .ts, .js, .mjs or .json file`);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = first.path.length > 0 ? first.path.map(String).join('.') : '(root)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  // zod messages are single-line already; keep it that way if one is not.
  return `${path}: ${first.message.replace(/\s+/g, ' ')}${more}`;
}
