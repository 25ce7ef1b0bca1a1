// The shipped scenarios, listed in one place by name (`--scenario <name>`); any other file is loaded by path.
// The schema file directly, not the folder index: the loader imports this list (no import cycle).
import type { ScenarioInput } from '../harness/scenario/scenario-schema.ts';
import burst from './burst.ts';
import chaos from './chaos.ts';
import gapStorm from './gap-storm.ts';
import manySymbols from './many-symbols.ts';
import reconnectStorm from './reconnect-storm.ts';
import smoke from './smoke.ts';
import steady from './steady.ts';

export const SHIPPED_SCENARIOS: Readonly<Record<string, ScenarioInput>> = {
  smoke,
  steady,
  'reconnect-storm': reconnectStorm,
  'gap-storm': gapStorm,
  chaos,
  'many-symbols': manySymbols,
  burst,
};
