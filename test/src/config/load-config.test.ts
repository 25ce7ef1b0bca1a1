import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, FEED_TUNING_DEFAULTS, loadConfig, parseConfigFile } from '../../../src/config/index.ts';
import { CollectorError } from '../../../src/errors.ts';

const MOCK_ENV = {
  SOAK_BINANCE_WS: 'ws://127.0.0.1:4001/',
  SOAK_BINANCE_REST: 'http://127.0.0.1:4002',
  SOAK_BINANCE_SYMBOLS: 'BTCUSDT, ETHUSDT',
  SOAK_OKX_WS: 'ws://127.0.0.1:4003/ws/v5/public',
  SOAK_OKX_SYMBOLS: 'BTC-USDT',
  SOAK_METRICS_PORT: '0',
};

/** The thrown error's message, asserting it is a one-line COLLECTOR_ERR_CONFIG. */
function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CollectorError);
    expect((error as CollectorError).code).toBe('COLLECTOR_ERR_CONFIG');
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a config error');
}

describe('loadConfig', () => {
  let dir: string;
  const file = (body: unknown): string => {
    const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
    return path;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to Binance and OKX spot on the real exchanges, metrics on 127.0.0.1:9464, sink off', () => {
    const config = loadConfig();
    expect(config.feeds.map(({ exchange, wsUrl, restUrl }) => ({ exchange, wsUrl, restUrl }))).toEqual([
      { exchange: 'binance', wsUrl: 'wss://stream.binance.com:9443', restUrl: 'https://api.binance.com' },
      { exchange: 'okx', wsUrl: 'wss://ws.okx.com:8443/ws/v5/public', restUrl: undefined },
    ]);
    expect(config.feeds[0]).toMatchObject(FEED_TUNING_DEFAULTS);
    expect(config.http).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(config.sink.outDir).toBeUndefined();
    expect(config.health).toEqual(CONFIG_DEFAULTS.health);
  });

  it('runs exactly the feeds the SOAK_* variables name, with the metrics port from SOAK_METRICS_PORT', () => {
    const config = loadConfig({ env: MOCK_ENV });
    expect(config.feeds.map(({ exchange, wsUrl, restUrl, symbols }) => ({ exchange, wsUrl, restUrl, symbols }))).toEqual([
      { exchange: 'binance', wsUrl: 'ws://127.0.0.1:4001', restUrl: 'http://127.0.0.1:4002', symbols: ['BTCUSDT', 'ETHUSDT'] },
      { exchange: 'okx', wsUrl: 'ws://127.0.0.1:4003/ws/v5/public', restUrl: undefined, symbols: ['BTC-USDT'] },
    ]);
    expect(config.http.port).toBe(0);
    const binanceOnly = loadConfig({ env: { SOAK_BINANCE_WS: MOCK_ENV.SOAK_BINANCE_WS, SOAK_BINANCE_REST: MOCK_ENV.SOAK_BINANCE_REST, SOAK_BINANCE_SYMBOLS: 'BTCUSDT' } });
    // A scenario named for one exchange must never make the collector reach the real other one.
    expect(binanceOnly.feeds.map((feed) => feed.exchange)).toEqual(['binance']);
  });

  it('layers defaults ← file ← environment ← flags, field by field', () => {
    const path = file({
      feeds: [{ exchange: 'binance', symbols: ['SOLUSDT'], maxDepthPerSide: 300, restUrl: 'http://127.0.0.1:9999' }, { exchange: 'okx' }],
      feedDefaults: { heartbeatIntervalMs: 2000 },
      http: { port: 7000 },
      health: { graceMs: 1000 },
      sink: { outDir: '/tmp/a', mode: 'diff', depth: 10 },
    });
    const fileOnly = loadConfig({ configPath: path });
    expect(fileOnly.feeds[0]).toMatchObject({ exchange: 'binance', wsUrl: 'wss://stream.binance.com:9443', restUrl: 'http://127.0.0.1:9999', symbols: ['SOLUSDT'], maxDepthPerSide: 300, heartbeatIntervalMs: 2000 });
    expect(fileOnly.feeds[1]).toMatchObject({ exchange: 'okx', symbols: ['BTC-USDT', 'ETH-USDT'], maxDepthPerSide: 5000, heartbeatIntervalMs: 2000 });
    expect(fileOnly.http.port).toBe(7000);
    expect(fileOnly.sink).toMatchObject({ outDir: '/tmp/a', mode: 'diff', depth: 10, intervalMs: 1000 });

    // The environment replaces the feed set, but an env feed keeps its file feed's other fields.
    const withEnv = loadConfig({ configPath: path, env: { SOAK_BINANCE_WS: 'ws://127.0.0.1:4001', SOAK_METRICS_PORT: '7100' } });
    expect(withEnv.feeds).toHaveLength(1);
    expect(withEnv.feeds[0]).toMatchObject({ wsUrl: 'ws://127.0.0.1:4001', restUrl: 'http://127.0.0.1:9999', symbols: ['SOLUSDT'], maxDepthPerSide: 300 });
    expect(withEnv.http.port).toBe(7100);

    const withFlags = loadConfig({ configPath: path, env: { SOAK_METRICS_PORT: '7100' }, flags: { http: { port: 7200 }, sink: { outDir: '/tmp/b' } } });
    expect(withFlags.http.port).toBe(7200);
    expect(withFlags.sink).toMatchObject({ outDir: '/tmp/b', mode: 'diff' });
  });

  it('reports a bad value as one line naming its source and field', () => {
    expect(configError(() => loadConfig({ env: { SOAK_METRICS_PORT: '70000' } }))).toBe("SOAK_METRICS_PORT: must be an integer 0..65535 (got '70000')");
    expect(configError(() => loadConfig({ env: { SOAK_BINANCE_WS: 'http://x' } }))).toBe("SOAK_BINANCE_WS: must be a ws:// or wss:// URL (got 'http://x')");
    expect(configError(() => loadConfig({ env: { SOAK_OKX_WS: 'ws://127.0.0.1:1', SOAK_OKX_SYMBOLS: 'BTC-USDT,bad symbol' } }))).toMatch(/^SOAK_OKX_SYMBOLS: 'bad symbol' does not look like/);
    expect(configError(() => loadConfig({ env: { SOAK_BINANCE_WS: 'ws://127.0.0.1:1', SOAK_BINANCE_SYMBOLS: 'BTCUSDT' } }))).toBe(
      'SOAK_BINANCE_REST: required when SOAK_BINANCE_WS, SOAK_BINANCE_SYMBOLS is set (or set it for binance in the config file)',
    );
    const path = file({ feeds: [{ exchange: 'binance', wsUrl: 'nope' }] });
    expect(configError(() => loadConfig({ configPath: path }))).toBe(`config file ${path}: feeds[0].wsUrl: must be a ws:// or wss:// URL`);
    expect(configError(() => loadConfig({ configPath: file({ sink: { maxOpenfiles: 3 } }) }))).toMatch(/: sink: Unrecognized key: "maxOpenfiles"$/);
    expect(configError(() => loadConfig({ configPath: file({ http: { port: -1 } }) }))).toMatch(/: http\.port: Too small/);
    expect(configError(() => loadConfig({ configPath: file({ feeds: [{ exchange: 'kraken' }] }) }))).toMatch(/: feeds\[0\]\.exchange: Invalid option/);
    expect(configError(() => loadConfig({ configPath: file({ feeds: [{ exchange: 'okx' }, { exchange: 'okx' }] }) }))).toBe("config file: feeds: exchange 'okx' appears twice");
    expect(configError(() => loadConfig({ configPath: file({ feedDefaults: { reconnectInitialMs: 5000, reconnectMaxMs: 1000 } }) }))).toBe(
      'config: feeds[0].reconnectMaxMs: must be at least reconnectInitialMs',
    );
    expect(configError(() => loadConfig({ configPath: file('{"http": ') }))).toMatch(/: invalid JSON: /);
    expect(configError(() => loadConfig({ configPath: join(dir, 'missing.json') }))).toMatch(/missing\.json: cannot read \(ENOENT\)$/);
  });

  it('parses a config file body directly', () => {
    expect(parseConfigFile('{"sink":{"outDir":"out"}}', 'inline')).toEqual({ sink: { outDir: 'out' } });
  });
});
