/**
 * Every error the collector raises on purpose, each with a stable code (listed in the README; a test keeps
 * the two in sync). Add a code here, next to its neighbours, when a new failure deserves its own name.
 */
export type CollectorErrorCode =
  | 'COLLECTOR_ERR_CONFIG' // a config file, CLI flag or SOAK_* variable is invalid
  | 'COLLECTOR_ERR_FRAME' // a frame from the network could not be used (malformed, unknown, oversize, wrong type)
  | 'COLLECTOR_ERR_SEQUENCE' // a sequence gap that needs a resync
  | 'COLLECTOR_ERR_CHECKSUM' // an OKX checksum did not match the rebuilt book
  | 'COLLECTOR_ERR_SNAPSHOT' // a REST snapshot could not be fetched or used
  | 'COLLECTOR_ERR_SINK' // the output sink could not write
  | 'COLLECTOR_ERR_HTTP'; // the /metrics, /health and /book server could not listen

/** An error with a stable code and, where there is one, the error that caused it. */
export class CollectorError extends Error {
  readonly code: CollectorErrorCode;

  constructor(code: CollectorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CollectorError';
    this.code = code;
  }
}
