/**
 * Options declared once as a typed table that both parses argv and renders --help. The collector stands
 * alone (src/ never imports harness/), so this is its own small equivalent of harness/cli/cli-options.ts:
 * every bad flag becomes one COLLECTOR_ERR_CONFIG line naming the flag.
 */
import { parseArgs } from 'node:util';
import { CollectorError } from '../errors.ts';

/** One option: how it is spelled, what it holds, and how --help describes it. */
export interface OptionSpec {
  type: 'string' | 'integer' | 'duration' | 'boolean';
  description: string;
  /** Placeholder in --help, e.g. `<file>`. */
  valueName?: string;
  /** Accepted values for a string option. */
  choices?: readonly string[];
  /** Inclusive bounds for integer and duration (duration bounds in ms). */
  min?: number;
  max?: number;
}

/** A CLI's options by long name. */
export type OptionTable = Record<string, OptionSpec>;

/** Parsed values: numbers for integer and duration (ms), strings and booleans as given; absent when not passed. */
export type ParsedOptions<T extends OptionTable> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['type'] extends 'string' ? string : number;
};

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `250ms`, `10s`, `1.5m`, `2h` → ms, or undefined when malformed (the unit is required: `1000` is ambiguous). */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** The --help text: usage line, summary, then one line per option. */
export function renderHelp(command: string, summary: string, table: OptionTable): string {
  const lines = [`Usage: ${command} [options]`, '', summary, '', 'Options:'];
  const entries: Array<[string, OptionSpec]> = [...Object.entries(table), ['help', { type: 'boolean', description: 'show this help and exit' }]];
  for (const [name, spec] of entries) {
    const flag = `--${name}${spec.type === 'boolean' ? '' : ` ${spec.valueName ?? `<${spec.type}>`}`}`;
    const choices = spec.choices ? ` (${spec.choices.join('|')})` : '';
    lines.push(`  ${flag.padEnd(26)} ${spec.description}${choices}`);
  }
  return lines.join('\n');
}

/** Parses argv against the table; throws COLLECTOR_ERR_CONFIG with one line on any bad input. */
export function parseOptions<T extends OptionTable>(table: T, argv: readonly string[]): { help: boolean; options: ParsedOptions<T> } {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(table)) config[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: false, strict: true });
  } catch (error) {
    // node's messages span lines and add hints; the first line says what was wrong.
    throw new CollectorError('COLLECTOR_ERR_CONFIG', `${(error as Error).message.split('\n')[0]} (see --help)`, { cause: error });
  }
  if (parsed.values.help === true) return { help: true, options: {} };
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    const raw = parsed.values[name];
    if (raw !== undefined) options[name] = convert(name, spec, raw);
  }
  return { help: false, options: options as ParsedOptions<T> };
}

function convert(name: string, spec: OptionSpec, raw: string | boolean | (string | boolean)[]): unknown {
  if (spec.type === 'boolean') return raw === true;
  const text = String(Array.isArray(raw) ? raw.at(-1) : raw);
  const fail = (why: string): never => {
    throw new CollectorError('COLLECTOR_ERR_CONFIG', `--${name}: ${why} (got '${text}')`);
  };
  if (spec.type === 'string') {
    if (text === '') fail('must not be empty');
    if (spec.choices && !spec.choices.includes(text)) fail(`must be one of ${spec.choices.join(', ')}`);
    return text;
  }
  const value = spec.type === 'integer' ? (/^-?\d+$/.test(text.trim()) ? Number(text) : undefined) : parseDurationMs(text);
  if (value === undefined) fail(spec.type === 'integer' ? 'must be an integer' : 'must be a duration such as 500ms, 10s, 5m or 2h');
  const n = value as number;
  if (spec.min !== undefined && n < spec.min) fail(`must be at least ${spec.min}`);
  if (spec.max !== undefined && n > spec.max) fail(`must be at most ${spec.max}`);
  return n;
}
