/**
 * `npm run mock-exchange -- --exchange binance|okx …`: runs one mock exchange on 127.0.0.1 for manual
 * testing of any collector, prints its URLs (as the SOAK_* variables a target reads) and every injected
 * fault as an NDJSON line, and runs until SIGINT/SIGTERM.
 * Exits 0 after a clean stop · 2 bad usage or options (one line, nothing started).
 */
import { parseCli, renderHelp, type CliSpec, type OptionTable } from './cli-options.ts';
import { runCli } from './run-cli.ts';
import { SoakError } from '../errors.ts';
import { loadFaultSpecs, startMockExchange, type FeedSource, type MockExchangeOptions } from '../exchange/index.ts';

const spec = {
  name: 'mock-exchange',
  summary: 'Runs a mock Binance or OKX exchange on 127.0.0.1 (synthetic or replayed feed, scheduled faults) until Ctrl-C.',
  options: {
    exchange: { type: 'string', description: 'which exchange to mock', choices: ['binance', 'okx'], valueName: '<name>' },
    port: { type: 'number', description: 'port to listen on (default 0 = a free port)', min: 0, max: 65_535, valueName: '<n>' },
    symbols: { type: 'string', description: 'comma-separated symbols (default BTCUSDT,ETHUSDT or BTC-USDT,ETH-USDT; a replay: all it holds)', valueName: '<A,B>' },
    rate: { type: 'number', description: 'synthetic messages per second per symbol (default 10)', min: 0.001, max: 1_000_000, valueName: '<n>' },
    depth: { type: 'number', description: 'synthetic levels per side (default 200 Binance, 400 OKX)', min: 5, max: 5000, valueName: '<n>' },
    replay: { type: 'string', description: 'replay a capture (fixtures/real format or soakbook NDJSON, .gz ok) instead of a synthetic feed', valueName: '<file>' },
    speed: { type: 'number', description: 'replay speed factor; 0 = as fast as the client reads (default 1)', min: 0, max: 100_000, valueName: '<x>' },
    loop: { type: 'boolean', description: 'loop the replay' },
    faults: { type: 'string', description: "faults: 'kind[(k=v;…)]@at[/every][~jitter][:exchange][#symbol],…', JSON, or a .json file", valueName: '<spec>' },
    seed: { type: 'number', description: 'seed of the market generator and fault schedule (default 1)', valueName: '<n>' },
    futures: { type: 'boolean', description: 'Binance: also serve USD-M futures (/fapi/v1/depth, pu in diffs)' },
    checksum: { type: 'string', description: 'OKX checksum mode (default crc32)', choices: ['crc32', 'zero'], valueName: '<mode>' },
    'ping-interval': { type: 'duration', description: 'Binance server ping interval (default 20s)', min: 10, valueName: '<duration>' },
    'idle-timeout': { type: 'duration', description: 'OKX idle close without client traffic (default 30s)', min: 10, valueName: '<duration>' },
    'max-age': { type: 'duration', description: 'close each connection at this age (the 24 h forced disconnect, compressed)', min: 10, valueName: '<duration>' },
  },
} satisfies CliSpec<OptionTable>;

async function main(argv: string[]): Promise<number> {
  const { help, options } = parseCli(spec, argv);
  if (help) {
    process.stdout.write(`${renderHelp(spec)}\n`);
    return 0;
  }
  const exchange = options.exchange;
  if (exchange !== 'binance' && exchange !== 'okx') throw new SoakError('SOAK_ERR_USAGE', 'mock-exchange: --exchange binance|okx is required (see --help)');
  const source: FeedSource = options.replay
    ? { kind: 'replay', file: options.replay, speed: options.speed ?? 1, loop: options.loop ?? false }
    : { kind: 'synthetic', seed: options.seed ?? 1, messagesPerSecondPerSymbol: options.rate ?? 10, ...(options.depth === undefined ? {} : { depthPerSide: options.depth }) };
  const defaultSymbols = exchange === 'binance' ? ['BTCUSDT', 'ETHUSDT'] : ['BTC-USDT', 'ETH-USDT'];
  const symbols = options.symbols?.split(',').map((symbol) => symbol.trim()).filter((symbol) => symbol !== '') ?? (options.replay ? [] : defaultSymbols);
  const mockOptions: MockExchangeOptions = {
    exchange,
    port: options.port ?? 0,
    symbols,
    source,
    faults: options.faults ? await loadFaultSpecs(options.faults) : [],
    seed: options.seed ?? 1,
    futures: options.futures ?? false,
    onEvent: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
  };
  if (options.checksum === 'crc32' || options.checksum === 'zero') mockOptions.checksum = options.checksum;
  if (options['ping-interval'] !== undefined) mockOptions.pingIntervalMs = options['ping-interval'];
  if (options['idle-timeout'] !== undefined) mockOptions.idleTimeoutMs = options['idle-timeout'];
  if (options['max-age'] !== undefined) mockOptions.maxConnectionAgeMs = options['max-age'];
  const mock = await startMockExchange(mockOptions);
  const prefix = `SOAK_${exchange.toUpperCase()}`;
  const lines = [`mock ${exchange} on 127.0.0.1 (${options.replay ? `replay of ${options.replay}` : 'synthetic feed'}; Ctrl-C stops)`, `${prefix}_WS=${mock.wsUrl}`];
  if (mock.restUrl) lines.push(`${prefix}_REST=${mock.restUrl}`);
  lines.push(`${prefix}_SYMBOLS=${mock.symbols.join(',')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await mock.close();
  const stats = mock.stats();
  process.stdout.write(`stopped: ${stats.connectionsTotal} connections, ${stats.messagesSent} messages, ${stats.faultsInjected} faults, ${stats.clientsDropped} clients dropped\n`);
  return 0;
}

runCli(main);
