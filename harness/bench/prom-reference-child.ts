/**
 * The reference for the /metrics benchmark, in its own process: a plain prom-client registry with the
 * default process and Node metrics plus 200 labelled counter series (~20 KB of text, like a small
 * exporter), served by node:http at /metrics, and a trivial `/` that answers "ok" (the ceiling of the load
 * generator on this machine). IPC: `ready` with the base URL; exits when the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** Child → parent. */
export type PromReferenceMessage = { type: 'ready'; url: string; metricsBytes: number } | { type: 'error'; message: string };

/** Series in the reference registry besides the defaults. */
export const REFERENCE_SERIES = 200;

async function main(): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = new Counter({ name: 'reference_messages_total', help: 'Reference series.', labelNames: ['exchange', 'symbol'], registers: [registry] });
  for (let i = 0; i < REFERENCE_SERIES; i++) counter.inc({ exchange: i % 2 ? 'binance' : 'okx', symbol: `SYM${i}USDT` }, i);
  const server = createServer((request, response) => {
    if (request.url === '/metrics') {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end(error instanceof Error ? error.message : String(error));
        },
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const metricsBytes = Buffer.byteLength(await registry.metrics());
  process.once('disconnect', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, metricsBytes } satisfies PromReferenceMessage);
}

if (process.send === undefined) {
  process.stderr.write('prom-reference-child: run by the /metrics benchmark over IPC\n');
  process.exitCode = 2;
} else {
  main().catch((error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies PromReferenceMessage);
    process.exitCode = 1;
  });
}
