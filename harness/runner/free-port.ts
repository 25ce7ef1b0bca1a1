/**
 * Picks a free TCP port on 127.0.0.1 by binding port 0 and releasing it, for targets that must be told a
 * port up front (SOAK_METRICS_PORT). Parallel runs each get their own.
 */
import { createServer } from 'node:net';

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
