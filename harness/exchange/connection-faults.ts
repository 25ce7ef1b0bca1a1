/**
 * The faults that act on connections rather than on the stream, shared by both exchanges: graceful close,
 * reset, half-open and data stop. Targets are every matching connection, or one seeded choice when
 * `params.target` is `one`; a symbol on the spec narrows them to clients subscribed to it.
 */
import type { FaultFiring } from './fault-scheduler.ts';
import type { MockClient } from './mock-client.ts';
import type { MockHub } from './mock-hub.ts';

/** Kinds handled here. */
export const CONNECTION_FAULTS: ReadonlySet<string> = new Set(['disconnect', 'reset', 'half-open', 'data-stop']);

/** Applies a connection fault and returns the event detail (which clients it hit). */
export function applyConnectionFault(hub: MockHub, firing: FaultFiring, symbolKey: ((symbol: string) => string) | undefined, later: (delayMs: number, run: () => void) => void): Record<string, unknown> {
  const { spec } = firing;
  const key = spec.symbol !== undefined && symbolKey ? symbolKey(spec.symbol) : undefined;
  let targets = [...hub.clients].filter((client) => client.state !== 'half-open' && (key === undefined || client.subscriptions.has(key)));
  targets.sort((a, b) => a.id - b.id);
  if (spec.params?.target === 'one' && targets.length > 0) targets = [targets[Math.floor(firing.choice * targets.length)] as MockClient];
  const detail: Record<string, unknown> = { clients: targets.map((client) => client.id) };
  switch (spec.kind) {
    case 'disconnect': {
      const code = Number(spec.params?.code ?? 1001);
      detail.code = code;
      for (const client of targets) client.ws.close(code, 'mock exchange fault: disconnect');
      break;
    }
    case 'reset':
      for (const client of targets) client.reset();
      break;
    case 'half-open':
      for (const client of targets) client.goHalfOpen();
      break;
    case 'data-stop': {
      for (const client of targets) client.state = 'data-stop';
      const durationMs = spec.params?.durationMs === undefined ? undefined : Number(spec.params.durationMs);
      if (durationMs !== undefined) {
        detail.durationMs = durationMs;
        later(durationMs, () => {
          for (const client of targets) if (client.state === 'data-stop') client.state = 'live';
        });
      }
      break;
    }
    default:
      throw new Error(`not a connection fault: ${spec.kind}`);
  }
  return detail;
}
