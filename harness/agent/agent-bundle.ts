/**
 * Builds the agent (TypeScript) into one plain CommonJS file at run time, so any Node target can
 * `--require` it whatever its own loader setup. esbuild is already installed (tsx runs on it).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { SoakError } from '../errors.ts';

const ENTRY = fileURLToPath(new URL('./agent.ts', import.meta.url));

/** Writes the bundled agent to `outFile` and returns its path. */
export async function bundleAgent(outFile: string): Promise<string> {
  try {
    await build({
      entryPoints: [ENTRY],
      outfile: outFile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      logLevel: 'silent',
      legalComments: 'none',
    });
  } catch (error) {
    throw new SoakError('SOAK_ERR_TARGET', `cannot build the agent: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { cause: error });
  }
  return outFile;
}
