/**
 * Reads the optional JSON config file into a ConfigLayer. Every field is optional; unknown keys are errors
 * (a typo silently ignored is how a soak runs with the wrong settings). Errors name the file and the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CollectorError } from '../errors.ts';
import { configIssueError, feedShape, feedTuningShape, healthShape, httpShape, sinkShape, type ConfigLayer } from './collector-config.ts';

const fileSchema = z.strictObject({
  feeds: z.array(z.strictObject(feedShape).partial().required({ exchange: true })).optional(),
  feedDefaults: z.strictObject(feedTuningShape).partial().optional(),
  http: z.strictObject(httpShape).partial().optional(),
  health: z.strictObject(healthShape).partial().optional(),
  sink: z.strictObject(sinkShape).partial().optional(),
});

/** Parses the text of a config file (`origin` names it in errors). */
export function parseConfigFile(text: string, origin: string): ConfigLayer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CollectorError('COLLECTOR_ERR_CONFIG', `${origin}: invalid JSON: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) throw configIssueError(origin, result.error.issues);
  return result.data as ConfigLayer;
}

/** Reads and parses a config file; a missing or unreadable file is a COLLECTOR_ERR_CONFIG line. */
export function readConfigFile(path: string): ConfigLayer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CollectorError('COLLECTOR_ERR_CONFIG', `config file ${path}: cannot read (${code})`, { cause: error });
  }
  return parseConfigFile(text, `config file ${path}`);
}
