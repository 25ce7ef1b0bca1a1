// `npm run alerts -- <run-dir> [--time-scale k]`: would the monitoring pack's alerts have fired during this run?
import { evaluateAlertsMain } from '../alerts/index.ts';
import { runCli } from './run-cli.ts';

runCli(evaluateAlertsMain);
