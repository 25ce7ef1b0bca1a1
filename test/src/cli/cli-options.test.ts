import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseOptions, renderHelp, type OptionTable } from '../../../src/cli/cli-options.ts';
import { CollectorError } from '../../../src/errors.ts';

const TABLE = {
  config: { type: 'string', valueName: '<file>', description: 'config file' },
  port: { type: 'integer', min: 0, max: 65_535, description: 'a port' },
  every: { type: 'duration', min: 10, description: 'an interval' },
  mode: { type: 'string', choices: ['a', 'b'], description: 'a mode' },
  quiet: { type: 'boolean', description: 'say less' },
} satisfies OptionTable;

function usageError(argv: string[]): string {
  try {
    parseOptions(TABLE, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as CollectorError).code).toBe('COLLECTOR_ERR_CONFIG');
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseOptions', () => {
  it('converts each type and leaves absent options absent', () => {
    expect(parseOptions(TABLE, ['--config', 'x.json', '--port', '0', '--every', '1.5s', '--mode', 'b', '--quiet'])).toEqual({
      help: false,
      options: { config: 'x.json', port: 0, every: 1500, mode: 'b', quiet: true },
    });
    expect(parseOptions(TABLE, [])).toEqual({ help: false, options: {} });
    expect(parseOptions(TABLE, ['--port', '1', '--help']).help).toBe(true);
  });

  it('turns every bad input into one line naming the flag', () => {
    expect(usageError(['--nope'])).toMatch(/^Unknown option '--nope'.* \(see --help\)$/);
    expect(usageError(['--port', '70000'])).toBe("--port: must be at most 65535 (got '70000')");
    expect(usageError(['--port', '1.5'])).toBe("--port: must be an integer (got '1.5')");
    expect(usageError(['--every', '1000'])).toBe("--every: must be a duration such as 500ms, 10s, 5m or 2h (got '1000')");
    expect(usageError(['--every', '5ms'])).toBe("--every: must be at least 10 (got '5ms')");
    expect(usageError(['--mode', 'c'])).toBe("--mode: must be one of a, b (got 'c')");
    expect(usageError(['extra'])).toMatch(/^Unexpected argument 'extra'/);
    for (const argv of [['--nope'], ['--port', 'x'], ['--config']]) expect(usageError(argv)).not.toContain('\n');
  });
});

describe('parseDurationMs', () => {
  it('requires a unit', () => {
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('2m')).toBe(120_000);
    expect(parseDurationMs('1h')).toBe(3_600_000);
    expect(parseDurationMs('10')).toBeUndefined();
    expect(parseDurationMs('-1s')).toBeUndefined();
  });
});

describe('renderHelp', () => {
  it('lists every option of the table with its placeholder and choices', () => {
    const help = renderHelp('npm run collector --', 'Collects books.', TABLE);
    expect(help.split('\n').slice(0, 3)).toEqual(['Usage: npm run collector -- [options]', '', 'Collects books.']);
    expect(help).toMatch(/--config <file> +config file/);
    expect(help).toMatch(/--port <integer> +a port/);
    expect(help).toMatch(/--mode <string> +a mode \(a\|b\)/);
    expect(help).toMatch(/--quiet +say less/);
    expect(help).toMatch(/--help +show this help and exit/);
  });
});
