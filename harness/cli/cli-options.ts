/**
 * Options declared once as a typed table: the same table parses argv, validates values and renders --help.
 * Every harness CLI uses it, so flags behave the same everywhere and bad input is one clear line.
 */
import { parseArgs } from 'node:util';
import { SoakError } from '../errors.ts';

/** One option of a CLI: how it is spelled, what it holds, and how --help describes it. */
export interface OptionSpec {
  type: 'string' | 'number' | 'boolean' | 'duration';
  description: string;
  /** Placeholder in --help, e.g. `<file>`. */
  valueName?: string;
  short?: string;
  /** Accepted values for a string option. */
  choices?: readonly string[];
  /** Inclusive bounds for number and duration (duration bounds in ms). */
  min?: number;
  max?: number;
}

export type OptionTable = Record<string, OptionSpec>;

/** Parsed values: numbers for number, ms for duration, strings and booleans as given; absent when not passed. */
export type ParsedOptions<T extends OptionTable> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : T[K]['type'] extends 'string' ? string : number;
};

/** A CLI's name, one-line purpose, positional arguments and option table. */
export interface CliSpec<T extends OptionTable> {
  name: string;
  summary: string;
  positionals?: { name: string; description: string; required: boolean; variadic?: boolean }[];
  options: T;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Parses `10s`, `1.5m`, `2h`, `250ms` (bare number = seconds) into ms, or undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS;
  return Number(match[1]) * UNIT_MS[unit];
}

/** Renders --help from the table. */
export function renderHelp<T extends OptionTable>(spec: CliSpec<T>): string {
  const args = (spec.positionals ?? []).map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`) + (p.variadic ? '...' : ''));
  const lines = [`Usage: npm run ${spec.name} -- ${[...args, '[options]'].join(' ')}`, '', spec.summary, ''];
  for (const p of spec.positionals ?? []) lines.push(`  ${p.name.padEnd(28)} ${p.description}`);
  if (spec.positionals?.length) lines.push('');
  lines.push('Options:');
  const entries: Array<[string, OptionSpec]> = [...Object.entries(spec.options), ['help', { type: 'boolean', description: 'show this help' }]];
  for (const [name, opt] of entries) {
    const flag = `${opt.short ? `-${opt.short}, ` : ''}--${name}${opt.type === 'boolean' ? '' : ` ${opt.valueName ?? `<${opt.type}>`}`}`;
    const choices = opt.choices ? ` (${opt.choices.join('|')})` : '';
    lines.push(`  ${flag.padEnd(28)} ${opt.description}${choices}`);
  }
  return lines.join('\n');
}

/**
 * Parses argv against the table. Throws SoakError('SOAK_ERR_USAGE') with a one-line message on unknown
 * flags, missing values, bad numbers/durations/choices and missing positionals. Returns help: true when
 * --help was given (the caller prints renderHelp and exits 0).
 */
export function parseCli<T extends OptionTable>(spec: CliSpec<T>, argv: readonly string[]): { help: boolean; options: ParsedOptions<T>; positionals: string[] } {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, opt] of Object.entries(spec.options)) {
    config[name] = { type: opt.type === 'boolean' ? 'boolean' : 'string', ...(opt.short ? { short: opt.short } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new SoakError('SOAK_ERR_USAGE', `${spec.name}: ${(error as Error).message.split('\n')[0]} (see --help)`, { cause: error });
  }
  if (parsed.values.help === true) return { help: true, options: {}, positionals: parsed.positionals };

  const options: Record<string, unknown> = {};
  for (const [name, opt] of Object.entries(spec.options)) {
    const raw = parsed.values[name];
    if (raw === undefined) continue;
    options[name] = convert(spec.name, name, opt, raw);
  }
  const required = (spec.positionals ?? []).filter((p) => p.required).length;
  if (parsed.positionals.length < required) {
    const missing = (spec.positionals ?? [])[parsed.positionals.length];
    throw new SoakError('SOAK_ERR_USAGE', `${spec.name}: missing <${missing?.name ?? 'argument'}> (see --help)`);
  }
  const variadic = (spec.positionals ?? []).some((p) => p.variadic);
  if (!variadic && parsed.positionals.length > (spec.positionals ?? []).length) {
    throw new SoakError('SOAK_ERR_USAGE', `${spec.name}: unexpected argument '${parsed.positionals[(spec.positionals ?? []).length]}' (see --help)`);
  }
  return { help: false, options: options as ParsedOptions<T>, positionals: parsed.positionals };
}

function convert(cli: string, name: string, opt: OptionSpec, raw: string | boolean | (string | boolean)[]): unknown {
  if (opt.type === 'boolean') return raw === true;
  const text = String(Array.isArray(raw) ? raw.at(-1) : raw);
  const fail = (why: string): never => {
    throw new SoakError('SOAK_ERR_USAGE', `${cli}: --${name} ${why} (got '${text}')`);
  };
  if (opt.type === 'string') {
    if (opt.choices && !opt.choices.includes(text)) fail(`must be one of ${opt.choices.join(', ')}`);
    return text;
  }
  const value = opt.type === 'number' ? Number(text) : parseDurationMs(text);
  if (value === undefined || text.trim() === '' || !Number.isFinite(value)) {
    fail(opt.type === 'number' ? 'must be a number' : 'must be a duration such as 500ms, 10s, 5m or 2h');
  }
  const n = value as number;
  if (opt.min !== undefined && n < opt.min) fail(`must be at least ${opt.min}`);
  if (opt.max !== undefined && n > opt.max) fail(`must be at most ${opt.max}`);
  return n;
}
