/**
 * Serves SoakMetrics at http://127.0.0.1:<port>/metrics for the length of a run.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { SoakError } from '../errors.ts';
import type { SoakMetrics } from './soak-metrics.ts';

/** A running /metrics server; close() ends every connection. */
export class SoakMetricsServer {
  readonly port: number;
  #server: Server;
  #sockets: Set<Socket>;

  private constructor(server: Server, port: number, sockets: Set<Socket>) {
    this.#server = server;
    this.port = port;
    this.#sockets = sockets;
  }

  /** Listens on 127.0.0.1:`port` (0 = any free port); throws SOAK_ERR_USAGE when the port is taken. */
  static async listen(metrics: SoakMetrics, port: number): Promise<SoakMetricsServer> {
    const sockets = new Set<Socket>();
    const server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('try /metrics\n');
        return;
      }
      metrics.text().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
      );
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new SoakError('SOAK_ERR_USAGE', `soak: --metrics-port ${port}: ${error.message}`, { cause: error })));
      server.listen(port, '127.0.0.1', resolve);
    });
    return new SoakMetricsServer(server, (server.address() as { port: number }).port, sockets);
  }

  /** Stops listening and ends open connections. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
