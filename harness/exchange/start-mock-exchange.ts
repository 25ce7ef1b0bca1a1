/**
 * The entry point of harness/exchange: validates options, starts the requested mock on 127.0.0.1 and
 * returns it running. The runner and the mock-exchange CLI both come through here.
 */
import { BinanceMock } from './binance-mock.ts';
import { OkxMock } from './okx-mock.ts';
import { resolveMockOptions } from './resolve-mock-options.ts';
import type { MockExchange, MockExchangeOptions } from './mock-exchange-types.ts';

/** Starts a mock Binance or OKX exchange; throws SoakError on invalid options or a port already in use. */
export async function startMockExchange(options: MockExchangeOptions): Promise<MockExchange> {
  const resolved = resolveMockOptions(options);
  const mock = resolved.exchange === 'binance' ? new BinanceMock(resolved) : new OkxMock(resolved);
  try {
    await mock.start();
  } catch (error) {
    await mock.close();
    throw error;
  }
  return mock;
}
