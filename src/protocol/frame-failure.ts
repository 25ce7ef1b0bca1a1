/**
 * The one shape every parser returns for a frame it cannot use, so the feed counts it (by reason) and moves
 * on: parsers never throw on network input.
 */
import type { FrameFailReason } from '../feed/feed-types.ts';

/** A frame that could not be used, with the `reason` label for messages_failed_total. */
export interface FrameFailure {
  readonly kind: 'failed';
  readonly reason: FrameFailReason;
  /** The exchange's message type when it could be read, else `invalid`. */
  readonly messageType: string;
  readonly detail: string;
}

/** Builds a FrameFailure. */
export function frameFailure(reason: FrameFailReason, messageType: string, detail: string): FrameFailure {
  return { kind: 'failed', reason, messageType, detail };
}

/** Parses JSON text into a plain object; returns a one-line reason string instead when it is not one. */
export function parseJsonObject(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  return value as Record<string, unknown>;
}

/** True when value is a list of levels whose first two entries are strings (`[price, size, ...]`). */
export function isLevelList(value: unknown): value is ReadonlyArray<ReadonlyArray<string>> {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const level: unknown = value[i];
    if (!Array.isArray(level) || level.length < 2 || typeof level[0] !== 'string' || typeof level[1] !== 'string') return false;
  }
  return true;
}

/** True for a finite integer that can serve as a sequence id. */
export function isSequenceId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
