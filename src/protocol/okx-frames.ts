/**
 * OKX v5 public frames: order-book pushes on the `books` channels (snapshot, then updates carrying
 * `seqId`/`prevSeqId` and a CRC32 `checksum`), operation events (subscribe acks, errors, notices) and the
 * text `pong` keep-alive reply. Validated at the boundary; unknown channels are `unknown` frames.
 */
import type { LevelList } from '../book/index.ts';
import { frameFailure, isLevelList, isSequenceId, parseJsonObject, type FrameFailure } from './frame-failure.ts';

/** One order-book push. `seqId`/`prevSeqId` are undefined on feeds that predate them (fall back to `ts`). */
export interface OkxBooksFrame {
  readonly kind: 'books';
  readonly channel: string;
  readonly instId: string;
  readonly action: 'snapshot' | 'update';
  readonly asks: LevelList;
  readonly bids: LevelList;
  readonly tsMs: number;
  /** Signed CRC32 of the top 25 levels; 0 when OKX does not send one (it now sends 0). */
  readonly checksum: number;
  readonly seqId: number | undefined;
  readonly prevSeqId: number | undefined;
}

/** An operation event: `subscribe`/`unsubscribe` acks, `error`, `notice`, … */
export interface OkxEventFrame {
  readonly kind: 'event';
  readonly event: string;
  readonly channel: string | undefined;
  readonly instId: string | undefined;
  readonly code: string | undefined;
  readonly message: string | undefined;
}

/** The text reply `pong` to our text `ping`. */
export interface OkxPongFrame {
  readonly kind: 'pong';
}

/** Every usable OKX frame. */
export type OkxFrame = OkxBooksFrame | OkxEventFrame | OkxPongFrame;

/** Parses one OKX ws text frame. */
export function parseOkxFrame(text: string): OkxFrame | FrameFailure {
  if (text === 'pong') return { kind: 'pong' };
  const root = parseJsonObject(text);
  if (typeof root === 'string') return frameFailure('malformed', 'invalid', root);
  const arg = root.arg;
  if (typeof root.event === 'string') {
    const argObject = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
    return {
      kind: 'event',
      event: root.event,
      channel: typeof argObject?.channel === 'string' ? argObject.channel : undefined,
      instId: typeof argObject?.instId === 'string' ? argObject.instId : undefined,
      code: typeof root.code === 'string' || typeof root.code === 'number' ? String(root.code) : undefined,
      message: typeof root.msg === 'string' ? root.msg : undefined,
    };
  }
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return frameFailure('unknown', 'invalid', 'frame has neither `event` nor `arg`');
  const { channel, instId } = arg as Record<string, unknown>;
  if (typeof channel !== 'string' || typeof instId !== 'string') return frameFailure('wrong-type', 'invalid', '`arg.channel`/`arg.instId` are not strings');
  if (!channel.startsWith('books') || channel === 'books5' || root.action === undefined) {
    return frameFailure('unknown', channel, `channel ${channel} is not consumed`);
  }
  return parseBooks(root, channel, instId);
}

function parseBooks(root: Record<string, unknown>, channel: string, instId: string): OkxBooksFrame | FrameFailure {
  const action = root.action;
  if (action !== 'snapshot' && action !== 'update') return frameFailure('wrong-type', channel, '`action` is neither snapshot nor update');
  const data = root.data;
  if (!Array.isArray(data) || data.length !== 1 || typeof data[0] !== 'object' || data[0] === null) {
    return frameFailure('wrong-type', channel, '`data` is not a one-element list');
  }
  const { asks, bids, ts, checksum, seqId, prevSeqId } = data[0] as Record<string, unknown>;
  if (!isLevelList(asks) || !isLevelList(bids)) return frameFailure('wrong-type', channel, '`asks`/`bids` are not [price, size, …] string lists');
  const tsMs = typeof ts === 'string' ? Number(ts) : ts;
  if (typeof tsMs !== 'number' || !Number.isSafeInteger(tsMs)) return frameFailure('wrong-type', channel, '`ts` is not a millisecond timestamp');
  if (checksum !== undefined && !(typeof checksum === 'number' && Number.isInteger(checksum) && checksum >= -2147483648 && checksum <= 2147483647)) {
    return frameFailure('wrong-type', channel, '`checksum` is not a signed 32-bit integer');
  }
  if ((seqId !== undefined && !isSequenceId(seqId)) || (prevSeqId !== undefined && !isSequenceId(prevSeqId))) {
    return frameFailure('wrong-type', channel, '`seqId`/`prevSeqId` are not integers');
  }
  return {
    kind: 'books',
    channel,
    instId,
    action,
    asks,
    bids,
    tsMs,
    checksum: checksum ?? 0,
    seqId,
    prevSeqId,
  };
}
