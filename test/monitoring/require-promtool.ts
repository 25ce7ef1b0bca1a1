// The monitoring tests run Prometheus' own promtool; without it they fail loudly, never skip.
import { spawnSync } from 'node:child_process';
import { promtoolCommand } from '../../harness/alerts/index.ts';

/** Throws a clear error when promtool cannot be run (.ci/run installs the Debian package `prometheus`). */
export function requirePromtool(): void {
  const result = spawnSync(promtoolCommand(), ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) {
    throw new Error(
      `promtool is required by the monitoring tests but could not be run (${result.error?.message ?? `exit ${result.status}`}). ` +
        'Install it with `apt-get install prometheus` (.ci/run does this in CI) or set SOAK_PROMTOOL to its path.',
    );
  }
}
