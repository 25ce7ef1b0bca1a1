/**
 * `npm run collector -- [options]`: runs the collector until SIGTERM or SIGINT. It parses, builds the
 * configuration, starts the collector, prints one line with its metrics URL, and on a signal flushes the
 * sink, closes every socket and exits 0 within 5 s. It is the only place that sets the exit code:
 * 2 for bad flags or config (one line, nothing started), 1 for a failure to run.
 */
import { loadConfig, SINK_MODES, type CollectorConfig, type ConfigLayer } from '../config/index.ts';
import { CollectorError } from '../errors.ts';
import { parseOptions, renderHelp, type OptionTable, type ParsedOptions } from './cli-options.ts';

const OPTIONS = {
  config: { type: 'string', valueName: '<file>', description: 'JSON config file (defaults ← file ← SOAK_* env ← flags)' },
  'metrics-port': { type: 'integer', valueName: '<port>', min: 0, max: 65_535, description: 'port of /metrics, /health and /book on 127.0.0.1 (0: any free port)' },
  out: { type: 'string', valueName: '<dir>', description: 'write NDJSON book files under <dir> (default: sink off)' },
  'sink-mode': { type: 'string', valueName: '<mode>', choices: SINK_MODES, description: 'full top-N lines, or a snapshot per file then diffs' },
  'sink-interval': { type: 'duration', valueName: '<duration>', min: 10, max: 3_600_000, description: 'how often the sink writes each book, e.g. 1s' },
  'health-grace': { type: 'duration', valueName: '<duration>', min: 0, max: 3_600_000, description: '/health answers 200 for this long after start, e.g. 30s' },
} satisfies OptionTable;

const SUMMARY = 'Collects Binance and OKX order books; serves /metrics, /health and /book; optionally writes NDJSON.';
/** Past this, shutdown is stuck on something that leaked; exit anyway and say what still holds the loop. */
const HARD_EXIT_MS = 4500;

async function main(argv: readonly string[]): Promise<number> {
  const { help, options } = parseOptions(OPTIONS, argv);
  if (help) {
    process.stdout.write(`${renderHelp('npm run collector --', SUMMARY, OPTIONS)}\n`);
    return 0;
  }
  const config = loadConfig({ configPath: options.config, env: process.env, flags: flagLayer(options) });
  // Loaded only once the input is valid: --help and bad input answer without loading feeds and metrics.
  const { createCollector } = await import('../collector.ts');
  const collector = createCollector(config);
  // Listen for signals before starting, so one that arrives mid-start still gets a clean shutdown.
  const signalled = nextSignal();
  let address;
  try {
    address = await collector.start();
  } catch (error) {
    await collector.stop();
    throw error;
  }
  process.stdout.write(`collector: metrics at ${address.url}/metrics (health ${address.url}/health) · feeds ${describeFeeds(config)} · sink ${describeSink(config)}\n`);

  const signal = await signalled;
  const hardExit = setTimeout(() => {
    const holding = process.getActiveResourcesInfo().join(', ');
    process.stderr.write(`collector: shutdown did not finish within ${HARD_EXIT_MS} ms (still holding: ${holding}); exiting\n`);
    process.exit(1);
  }, HARD_EXIT_MS);
  hardExit.unref();
  // A second signal means the operator will not wait.
  const force = (): void => process.exit(1);
  process.once('SIGTERM', force);
  process.once('SIGINT', force);
  await collector.stop();
  const stats = collector.stats();
  process.stdout.write(`collector: stopped on ${signal} · messages ${stats.messages} · gaps ${stats.gaps} · resyncs ${stats.resyncs} · reconnects ${stats.reconnects} · sink lines ${stats.sink.linesWritten}\n`);
  process.off('SIGTERM', force);
  process.off('SIGINT', force);
  return 0;
}

function flagLayer(options: ParsedOptions<typeof OPTIONS>): ConfigLayer {
  const layer: ConfigLayer = {};
  if (options['metrics-port'] !== undefined) layer.http = { port: options['metrics-port'] };
  if (options['health-grace'] !== undefined) layer.health = { graceMs: Math.round(options['health-grace']) };
  const sink: NonNullable<ConfigLayer['sink']> = {};
  if (options.out !== undefined) sink.outDir = options.out;
  if (options['sink-mode'] !== undefined) sink.mode = options['sink-mode'] as CollectorConfig['sink']['mode'];
  if (options['sink-interval'] !== undefined) sink.intervalMs = Math.round(options['sink-interval']);
  if (Object.keys(sink).length > 0) layer.sink = sink;
  return layer;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

function describeFeeds(config: CollectorConfig): string {
  return config.feeds.map((feed) => `${feed.exchange}[${feed.symbols.join(',')}]`).join(' ');
}

function describeSink(config: CollectorConfig): string {
  const { outDir, mode, intervalMs } = config.sink;
  return outDir === undefined ? 'off' : `${outDir} (${mode} every ${intervalMs} ms)`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CollectorError) {
      process.stderr.write(`collector: ${error.code}: ${error.message}\n`);
      process.exitCode = error.code === 'COLLECTOR_ERR_CONFIG' ? 2 : 1;
    } else {
      process.stderr.write(`collector: error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
      if (process.env.COLLECTOR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    }
  },
);
