/**
 * Decimal strings the way each exchange writes them, from integer units (ticks, lots): Binance pads to
 * 8 decimals ("0.35210000"), OKX trims trailing zeros ("30316", "1.2112"). Integers avoid float drift.
 */

/** How an exchange writes decimals. */
export type DecimalStyle = 'fixed8' | 'trimmed';

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
const ZEROS = '00000000';

/** Formats `units / 10^decimals` (units a non-negative integer, decimals 0..8) in `style`, as a flat string. */
export function formatUnits(units: number, decimals: number, style: DecimalStyle): string {
  return flatAscii(joinUnits(units, decimals, style));
}

/**
 * A sequential copy of an ASCII string. Concatenations of 13+ characters are V8 cons strings, and every
 * charCodeAt on one walks the rope: cached decimals are read char by char on every frame written.
 */
export function flatAscii(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'latin1').toString('latin1');
}

function joinUnits(units: number, decimals: number, style: DecimalStyle): string {
  const scale = POW10[decimals] ?? 1;
  const whole = Math.floor(units / scale);
  if (decimals === 0) return style === 'fixed8' ? `${whole}.${ZEROS}` : String(whole);
  let fraction = String(units - whole * scale);
  if (fraction.length < decimals) fraction = ZEROS.slice(0, decimals - fraction.length) + fraction;
  if (style === 'fixed8') return `${whole}.${fraction}${ZEROS.slice(decimals)}`;
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  return end === 0 ? String(whole) : `${whole}.${fraction.slice(0, end)}`;
}
