/**
 * A single-pass scanner for the one frame shape that dominates a Binance feed: a compact `depthUpdate`
 * (combined `{"stream":…,"data":{…}}` or raw `{…}`), as Binance and our mock send it. Profiling put
 * JSON.parse at ~60 % of ingest — it builds the envelope, the event and every key only for the validator to
 * walk them again — while this reads the text once and builds just the BinanceDepthUpdate.
 *
 * It is deliberately narrower than JSON and never more lenient than the JSON path (parseBinanceFrame): it
 * accepts only text that is valid JSON and that the JSON path would turn into the very same update, and
 * returns undefined for anything else — whitespace, escapes, non-ASCII, any unexpected key or key repeated,
 * numbers that are not plain non-negative integers of ≤ 15 digits, levels that are not exactly two strings —
 * so the caller falls back to JSON.parse and the full validation, which decides and labels every bad frame.
 * A differential test over the real captures and a seeded mutation fuzz keeps the two paths equal.
 */
import type { BinanceDepthUpdate } from './binance-frames.ts';

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWEST_PLAIN = 0x20;
const HIGHEST_PLAIN = 0x7e;

/** 15 decimal digits always fit a double exactly (< 2^53), so the integer built digit by digit is JSON.parse's. */
const MAX_INT_DIGITS = 15;

const ENVELOPE_HEAD = '{"stream":"';
const ENVELOPE_DATA = ',"data":';
const DEPTH_EVENT = '"depthUpdate"';

/** Bits of the keys seen in one event (each key at most once: JSON.parse would keep the last of a repeat). */
const KEY_E_LOWER = 1;
const KEY_E_UPPER = 2;
const KEY_T = 4;
const KEY_S = 8;
const KEY_U_UPPER = 16;
const KEY_U_LOWER = 32;
const KEY_PU = 64;
const KEY_B = 128;
const KEY_A = 256;
const REQUIRED = KEY_E_LOWER | KEY_S | KEY_U_UPPER | KEY_U_LOWER | KEY_B | KEY_A;

/** A level as the book takes it: `[price, size]`, the exchange's decimal strings. */
type Level = [price: string, size: string];

/**
 * Reads `frame` as a compact Binance depth update; undefined means "not in the fast shape": parse it with
 * JSON.parse and the full validation instead (which also labels it when it is bad).
 */
export function scanBinanceDepthUpdate(frame: string): BinanceDepthUpdate | undefined {
  let at = 0;
  if (frame.startsWith(ENVELOPE_HEAD)) {
    const streamEnd = plainStringEnd(frame, ENVELOPE_HEAD.length);
    if (streamEnd < 0 || !frame.startsWith(ENVELOPE_DATA, streamEnd + 1)) return undefined;
    at = streamEnd + 1 + ENVELOPE_DATA.length;
  }
  const enveloped = at > 0;
  if (frame.charCodeAt(at) !== OPEN_BRACE) return undefined;
  at++;
  let seen = 0;
  let symbol = '';
  let eventTimeMs: number | undefined;
  let first = -1;
  let final = -1;
  let prev = -1;
  let bids: Level[] | undefined;
  let asks: Level[] | undefined;
  // Each pass consumes one key and its value, so the loop ends with the text; a repeated key ends it at once.
  for (;;) {
    if (frame.charCodeAt(at) !== QUOTE) return undefined;
    const key = keyAt(frame, at);
    if (key === 0 || (seen & key) !== 0) return undefined;
    seen |= key;
    at += key === KEY_PU ? 5 : 4;
    if (key === KEY_B || key === KEY_A) {
      const levels: Level[] = [];
      const end = levelsEnd(frame, at, levels);
      if (end < 0) return undefined;
      if (key === KEY_B) bids = levels;
      else asks = levels;
      at = end;
    } else if (key === KEY_S) {
      if (frame.charCodeAt(at) !== QUOTE) return undefined;
      const end = plainStringEnd(frame, at + 1);
      if (end <= at + 1) return undefined;
      symbol = frame.slice(at + 1, end);
      at = end + 1;
    } else if (key === KEY_E_LOWER) {
      if (!frame.startsWith(DEPTH_EVENT, at)) return undefined;
      at += DEPTH_EVENT.length;
    } else {
      const end = integerEnd(frame, at);
      if (end < 0) return undefined;
      const value = integerValue(frame, at, end);
      if (key === KEY_U_UPPER) first = value;
      else if (key === KEY_U_LOWER) final = value;
      else if (key === KEY_E_UPPER) eventTimeMs = value;
      else if (key === KEY_PU) prev = value;
      at = end;
    }
    const next = frame.charCodeAt(at);
    at++;
    if (next === CLOSE_BRACE) break;
    if (next !== COMMA) return undefined;
  }
  if (enveloped) {
    if (frame.charCodeAt(at) !== CLOSE_BRACE) return undefined;
    at++;
  }
  // Trailing text, missing keys and unordered ids are for the JSON path to judge and label.
  if (at !== frame.length || (seen & REQUIRED) !== REQUIRED || bids === undefined || asks === undefined || first > final) return undefined;
  return { kind: 'depth', symbol, eventTimeMs, firstUpdateId: first, finalUpdateId: final, prevFinalUpdateId: prev, bids, asks };
}

/** Index of the closing quote of a string whose body starts at `from`, or -1 when the body is not plain ASCII. */
function plainStringEnd(t: string, from: number): number {
  const length = t.length;
  for (let i = from; i < length; i++) {
    const code = t.charCodeAt(i);
    if (code === QUOTE) return i;
    // Escapes, control characters and non-ASCII are left to JSON.parse.
    if (code < LOWEST_PLAIN || code > HIGHEST_PLAIN || code === BACKSLASH) return -1;
  }
  return -1;
}

/** The key bit of the `"k":` (or `"pu":`) at `at`, which holds a quote; 0 for a key the fast shape lacks. */
function keyAt(t: string, at: number): number {
  const c1 = t.charCodeAt(at + 1);
  if (t.charCodeAt(at + 2) === QUOTE) {
    if (t.charCodeAt(at + 3) !== COLON) return 0;
    switch (c1) {
      case 101: return KEY_E_LOWER; // e
      case 69: return KEY_E_UPPER; // E
      case 84: return KEY_T; // T
      case 115: return KEY_S; // s
      case 85: return KEY_U_UPPER; // U
      case 117: return KEY_U_LOWER; // u
      case 98: return KEY_B; // b
      case 97: return KEY_A; // a
      default: return 0;
    }
  }
  // "pu": futures' previous final update id.
  return c1 === 112 && t.charCodeAt(at + 2) === 117 && t.charCodeAt(at + 3) === QUOTE && t.charCodeAt(at + 4) === COLON ? KEY_PU : 0;
}

/** End of a plain non-negative integer of at most 15 digits at `from`, or -1 when there is none. */
function integerEnd(t: string, from: number): number {
  const first = t.charCodeAt(from);
  if (!(first >= DIGIT_0 && first <= DIGIT_9)) return -1;
  let i = from + 1;
  if (first !== DIGIT_0) {
    const limit = from + MAX_INT_DIGITS;
    while (i < limit) {
      const code = t.charCodeAt(i);
      if (!(code >= DIGIT_0 && code <= DIGIT_9)) break;
      i++;
    }
  }
  // A further digit means a leading zero or more than 15 digits; `.`/`e` fail at the separator check.
  const next = t.charCodeAt(i);
  return next >= DIGIT_0 && next <= DIGIT_9 ? -1 : i;
}

/** The value of the digits [from, end), exact below 2^53. */
function integerValue(t: string, from: number, end: number): number {
  let value = 0;
  for (let i = from; i < end; i++) value = value * 10 + (t.charCodeAt(i) - DIGIT_0);
  return value;
}

/** Reads `[["p","q"],…]` at `from` into `out`; returns the index after it, or -1 unless every level is exactly two plain strings. */
function levelsEnd(t: string, from: number, out: Level[]): number {
  if (t.charCodeAt(from) !== OPEN_BRACKET) return -1;
  if (t.charCodeAt(from + 1) === CLOSE_BRACKET) return from + 2;
  let at = from + 1;
  // Each pass consumes at least 8 characters, so the loop ends with the text.
  for (;;) {
    if (t.charCodeAt(at) !== OPEN_BRACKET || t.charCodeAt(at + 1) !== QUOTE) return -1;
    const priceStart = at + 2;
    const priceEnd = plainStringEnd(t, priceStart);
    if (priceEnd < 0 || t.charCodeAt(priceEnd + 1) !== COMMA || t.charCodeAt(priceEnd + 2) !== QUOTE) return -1;
    const sizeStart = priceEnd + 3;
    const sizeEnd = plainStringEnd(t, sizeStart);
    if (sizeEnd < 0 || t.charCodeAt(sizeEnd + 1) !== CLOSE_BRACKET) return -1;
    out.push([t.slice(priceStart, priceEnd), t.slice(sizeStart, sizeEnd)]);
    const next = t.charCodeAt(sizeEnd + 2);
    at = sizeEnd + 3;
    if (next === CLOSE_BRACKET) return at;
    if (next !== COMMA) return -1;
  }
}
