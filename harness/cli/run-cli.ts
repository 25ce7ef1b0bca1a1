/**
 * The one place a harness CLI turns an outcome into an exit code: coded errors become one line on stderr
 * (usage and config errors exit 2, others 1); anything unexpected still prints one line, plus the stack
 * only when SOAK_DEBUG is set.
 */
import { SoakError } from '../errors.ts';

const USAGE_CODES = new Set(['SOAK_ERR_USAGE', 'SOAK_ERR_SCENARIO', 'SOAK_ERR_BASELINE', 'SOAK_ERR_RUN_DIR']);

/** Runs `main` (which returns the exit code) and exits with it. */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof SoakError) {
        process.stderr.write(`error ${error.code}: ${error.message}\n`);
        process.exitCode = USAGE_CODES.has(error.code) ? 2 : 1;
      } else {
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        if (process.env.SOAK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
        process.exitCode = 1;
      }
    },
  );
}
