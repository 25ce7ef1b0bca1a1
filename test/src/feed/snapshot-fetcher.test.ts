import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorError } from '../../../src/errors.ts';
import { SnapshotFetcher } from '../../../src/feed/index.ts';
import { startTestExchange, waitUntil, type TestExchange } from './test-exchange.ts';

let exchange: TestExchange | undefined;
let fetcher: SnapshotFetcher | undefined;
afterEach(async () => {
  fetcher?.close();
  await exchange?.close();
  fetcher = undefined;
  exchange = undefined;
});

describe('SnapshotFetcher', () => {
  it('sends one request at a time, dedups a symbol, and backs off on 5xx before retrying', async () => {
    let answers = 0;
    exchange = await startTestExchange({
      onRest: (request, response) => {
        answers++;
        if (answers === 1) response.writeHead(503).end('busy');
        else response.end(JSON.stringify({ url: request.url }));
      },
    });
    const bodies: unknown[] = [];
    const errors: CollectorError[] = [];
    // A generous timeout: this test is about the 503 and the backoff (a 1 s timeout fired once on a loaded machine).
    fetcher = new SnapshotFetcher({ timeoutMs: 20_000, backoffInitialMs: 200, backoffMaxMs: 200 }, {
      onSnapshot: (_symbol, body) => bodies.push(body) > 0,
      onError: (_symbol, error) => errors.push(error),
    });
    fetcher.request('A', `${exchange.restUrl}/a`);
    fetcher.request('A', `${exchange.restUrl}/a`);
    fetcher.request('B', `${exchange.restUrl}/b`);
    await waitUntil(() => bodies.length === 2, 'both snapshots');
    expect(exchange.requests.map((r) => r.url)).toEqual(['/a', '/a', '/b']);
    const [first, second] = exchange.requests;
    expect((second?.atMs ?? 0) - (first?.atMs ?? 0)).toBeGreaterThanOrEqual(90); // ≥ ½ × 200 ms
    expect(errors.map((e) => e.code)).toEqual(['COLLECTOR_ERR_SNAPSHOT']);
    expect(errors[0]?.message).toContain('HTTP 503');
    expect(fetcher.pending).toBe(0);
  });

  it('keeps no PerformanceResourceTiming beyond the last request\'s: fetch files one per request in the global timeline', async () => {
    exchange = await startTestExchange({ onRest: (_request, response) => response.end('{}') });
    let snapshots = 0;
    fetcher = new SnapshotFetcher({ timeoutMs: 20_000, backoffInitialMs: 10, backoffMaxMs: 10 }, { onSnapshot: () => ++snapshots > 0, onError: () => undefined });
    for (let i = 0; i < 20; i++) {
      fetcher.request(`S${i}`, `${exchange.restUrl}/s${i}`);
      await waitUntil(() => snapshots === i + 1, `snapshot ${i + 1}`);
    }
    // fetch files an entry a moment after the body is read, so the last request's may still be there (never more).
    expect(performance.getEntriesByType('resource').length).toBeLessThanOrEqual(1);
  });

  it('times out a hanging request and retries it; close() aborts the one in flight', async () => {
    exchange = await startTestExchange({ onRest: () => undefined }); // never answers
    const errors: CollectorError[] = [];
    fetcher = new SnapshotFetcher({ timeoutMs: 100, backoffInitialMs: 10, backoffMaxMs: 10 }, {
      onSnapshot: () => true,
      onError: (_symbol, error) => errors.push(error),
    });
    fetcher.request('A', `${exchange.restUrl}/a`);
    await waitUntil(() => exchange?.requests.length === 2, 'retry after timeout');
    expect(errors[0]?.message).toContain('timed out after 100 ms');
    fetcher.close();
    const before = errors.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors.length).toBe(before);
  });
});
