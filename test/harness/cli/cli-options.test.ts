import { describe, expect, it } from 'vitest';
import { parseCli, parseDurationMs, renderHelp, type CliSpec, type OptionSpec } from '../../../harness/cli/cli-options.ts';
import { SoakError } from '../../../harness/errors.ts';

const spec = {
  name: 'demo',
  summary: 'A demo command.',
  positionals: [{ name: 'run-dir', description: 'the run directory', required: true }],
  options: {
    minutes: { type: 'number', description: 'soak length', min: 0.1, max: 600 },
    interval: { type: 'duration', description: 'sampling interval', min: 100 },
    mode: { type: 'string', description: 'mode', choices: ['a', 'b'] },
    json: { type: 'boolean', description: 'print JSON' },
  },
} as const satisfies CliSpec<Record<string, OptionSpec>>;

function usageMessage(argv: string[]): string {
  try {
    parseCli(spec, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(SoakError);
    expect((error as SoakError).code).toBe('SOAK_ERR_USAGE');
    return (error as SoakError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseDurationMs', () => {
  it('reads units and treats a bare number as seconds', () => {
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('10')).toBe(10_000);
    expect(parseDurationMs('1.5m')).toBe(90_000);
    expect(parseDurationMs('2h')).toBe(7_200_000);
    expect(parseDurationMs('ten')).toBeUndefined();
  });
});

describe('parseCli', () => {
  it('converts every type from the table', () => {
    const parsed = parseCli(spec, ['dir', '--minutes', '2.5', '--interval', '1s', '--mode', 'b', '--json']);
    expect(parsed.help).toBe(false);
    expect(parsed.positionals).toEqual(['dir']);
    expect(parsed.options).toEqual({ minutes: 2.5, interval: 1000, mode: 'b', json: true });
  });

  it('answers bad input with one clear line', () => {
    expect(usageMessage(['dir', '--minutes', 'x'])).toBe("demo: --minutes must be a number (got 'x')");
    expect(usageMessage(['dir', '--minutes', '0'])).toBe("demo: --minutes must be at least 0.1 (got '0')");
    expect(usageMessage(['dir', '--mode', 'c'])).toBe("demo: --mode must be one of a, b (got 'c')");
    expect(usageMessage(['dir', '--interval', '5q'])).toMatch(/--interval must be a duration/);
    expect(usageMessage(['--json'])).toBe('demo: missing <run-dir> (see --help)');
    expect(usageMessage(['dir', 'extra'])).toBe("demo: unexpected argument 'extra' (see --help)");
    expect(usageMessage(['dir', '--nope'])).toMatch(/^demo: Unknown option '--nope'/);
    for (const argv of [['dir', '--nope'], ['dir', '--minutes', 'x']]) expect(usageMessage(argv)).not.toContain('\n');
  });

  it('reports --help without validating the rest', () => {
    expect(parseCli(spec, ['--help']).help).toBe(true);
    const help = renderHelp(spec);
    expect(help).toContain('Usage: npm run demo -- <run-dir> [options]');
    expect(help).toContain('--mode <string>');
    expect(help).toContain('(a|b)');
    expect(help).toContain('--help');
  });
});
