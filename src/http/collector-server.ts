/**
 * The collector's one HTTP server: `GET /metrics` (Prometheus text), `GET /health` (JSON, 200 or 503) and
 * `GET /book` (one book's top levels). It listens on loopback by default. /metrics is serialised by the
 * registry asynchronously and no handler does more than a bounded amount of work, so monitoring keeps an
 * answer while the feeds run flat out — the incident's collector went dark exactly there.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CollectorError } from '../errors.ts';
import type { BookView } from '../feed/feed-types.ts';
import type { HealthReport } from '../health/index.ts';
import { parseBookQuery } from './book-query.ts';

/** What the server serves; the collector supplies these. */
export interface CollectorServerHandlers {
  metricsText(): Promise<string>;
  metricsContentType: string;
  health(): HealthReport;
  /** The book of `symbol` on `exchange`, or undefined when the collector holds none. */
  book(exchange: string, symbol: string): BookView | undefined;
  /** Exchange ids /book accepts (others are a 400). */
  exchanges: readonly string[];
}

/** Where to listen. Port 0 picks a free port. */
export interface CollectorServerOptions {
  host: string;
  port: number;
  handlers: CollectorServerHandlers;
}

/** The /metrics, /health and /book server. listen() once; close() ends every connection. */
export class CollectorServer {
  readonly #server: Server;
  readonly #options: CollectorServerOptions;
  #address: { host: string; port: number } | undefined;

  constructor(options: CollectorServerOptions) {
    this.#options = options;
    this.#server = createServer((request, response) => {
      this.#route(request, response).catch((error: unknown) => {
        // A failed scrape must answer, not hang the client; the server itself keeps running.
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `internal error: ${(error as Error).message}\n`);
        else response.destroy(error as Error);
      });
    });
    // A slow or idle client must not pin sockets and FDs: the collector's FD budget includes ours.
    this.#server.requestTimeout = 10_000;
    this.#server.headersTimeout = 5_000;
    this.#server.keepAliveTimeout = 5_000;
  }

  /** Starts listening; resolves with the bound port, rejects with COLLECTOR_ERR_HTTP. */
  listen(): Promise<{ host: string; port: number; url: string }> {
    const { host, port } = this.#options;
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        this.#server.off('listening', onListening);
        reject(new CollectorError('COLLECTOR_ERR_HTTP', `cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? error.message}`, { cause: error }));
      };
      const onListening = (): void => {
        this.#server.off('error', onError);
        const bound = (this.#server.address() as AddressInfo).port;
        this.#address = { host, port: bound };
        resolve({ host, port: bound, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}` });
      };
      this.#server.once('error', onError);
      this.#server.once('listening', onListening);
      this.#server.listen(port, host);
    });
  }

  /** The bound address, once listening. */
  get address(): { host: string; port: number } | undefined {
    return this.#address;
  }

  /** Stops accepting, closes idle and active connections, resolves when the socket is closed. */
  close(): Promise<void> {
    if (!this.#server.listening) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      this.#server.closeAllConnections();
    });
  }

  async #route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://collector');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    const { handlers } = this.#options;
    switch (url.pathname) {
      case '/metrics': {
        const text = await handlers.metricsText();
        send(response, 200, handlers.metricsContentType, text);
        return;
      }
      case '/health': {
        const report = handlers.health();
        sendJson(response, report.httpStatus, report);
        return;
      }
      case '/book': {
        const query = parseBookQuery(url.searchParams, handlers.exchanges);
        if (!query.ok) {
          sendJson(response, 400, { error: query.error });
          return;
        }
        const book = handlers.book(query.exchange, query.symbol);
        if (book === undefined) {
          sendJson(response, 404, { error: `no book for ${query.exchange} ${query.symbol}` });
          return;
        }
        const { bids, asks } = book.topLevels(query.depth);
        sendJson(response, 200, { exchange: book.exchange, symbol: book.symbol, lastUpdateId: book.lastUpdateId, bidCount: book.bidCount, askCount: book.askCount, bids, asks });
        return;
      }
      default:
        sendJson(response, 404, { error: `no route ${url.pathname}; try /metrics, /health or /book` });
    }
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
