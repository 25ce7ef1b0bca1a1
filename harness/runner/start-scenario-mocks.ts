/**
 * Starts one mock exchange per exchange a scenario feeds (its feed, its faults, the scenario seed), or none:
 * when one fails to start, those already listening are closed before the error is rethrown.
 */
import { startMockExchange, type MockExchange } from '../exchange/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { SoakEvent } from './soak-event.ts';

/** The scenario's mock exchanges; `originMs` (performance.now() of the run start) is the events' time origin. */
export async function startScenarioMocks(scenario: Scenario, originMs: number, onEvent: (event: SoakEvent) => void): Promise<MockExchange[]> {
  const mocks: MockExchange[] = [];
  try {
    for (const exchange of scenario.exchanges) {
      const source = scenario.feed.kind === 'synthetic' ? { ...scenario.feed, seed: scenario.seed } : scenario.feed;
      const faults = scenario.faults.filter((fault) => fault.exchange === undefined || fault.exchange === exchange);
      mocks.push(await startMockExchange({ exchange, symbols: scenario.symbols[exchange], source, faults, seed: scenario.seed, originMs, onEvent }));
    }
  } catch (error) {
    await Promise.all(mocks.map((mock) => mock.close()));
    throw error;
  }
  return mocks;
}
