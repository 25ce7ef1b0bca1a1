/**
 * Every error the harness raises on purpose, each with a stable code (listed in the README; a test keeps
 * the two in sync). The CLIs turn these into one clear line and an exit code; nothing else sets exit codes.
 */
export type SoakErrorCode =
  | 'SOAK_ERR_USAGE' // a CLI flag or argument is invalid (exit 2)
  | 'SOAK_ERR_SCENARIO' // a scenario file is invalid (exit 2)
  | 'SOAK_ERR_RUN_DIR' // a run directory is missing or unreadable
  | 'SOAK_ERR_TARGET' // the target could not be started
  | 'SOAK_ERR_HEAP_SNAPSHOT' // a heap snapshot could not be taken or parsed
  | 'SOAK_ERR_BASELINE' // a baseline file is missing or invalid
  | 'SOAK_ERR_PROMTOOL'; // promtool is missing, or could not evaluate the alert rules

/** An error with a stable code and, where there is one, the error that caused it. */
export class SoakError extends Error {
  readonly code: SoakErrorCode;

  constructor(code: SoakErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SoakError';
    this.code = code;
  }
}
