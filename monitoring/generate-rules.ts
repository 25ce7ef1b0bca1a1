/**
 * Writes the monitoring pack's Prometheus alert rules with your thresholds:
 * `npx tsx monitoring/generate-rules.ts --memory-leak-mb 100 --open-fds 2000 --out my-alerts.yml` (--help lists
 * every flag). Without flags it reproduces monitoring/rules/collector-alerts.yml, and a test keeps the two equal.
 */
import { generateRulesMain } from '../harness/alerts/index.ts';
import { runCli } from '../harness/cli/run-cli.ts';

runCli(generateRulesMain);
