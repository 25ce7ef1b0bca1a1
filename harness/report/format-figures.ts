/**
 * How figures read in every report: a fixed number of significant digits, thousands grouped, units
 * kept beside the number, durations in h/m/s. Locale-independent so reports are identical everywhere.
 */
import type { CheckStatus } from '../analysis/report-data.ts';

/** Formats a number for a person: about three significant digits, thousands grouped, no trailing zeros. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'n/a' : value > 0 ? '∞' : '-∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(magnitude)));
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  const [whole = '0', fraction] = trimmed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return text === '-0' ? '0' : text;
}

/** Formats a signed number with an explicit `+` for growth figures. */
export function formatSigned(value: number): string {
  const text = formatNumber(value);
  return value > 0 && Number.isFinite(value) ? `+${text}` : text;
}

/** Formats a value with its unit, or an em dash when there is no value. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  return unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** Formats a byte count in binary units (KiB, MiB, GiB). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = bytes;
  let index = 0;
  while (Math.abs(scaled) >= 1024 && index < units.length - 1) {
    scaled /= 1024;
    index += 1;
  }
  return `${formatNumber(scaled)} ${units[index]}`;
}

/** Formats a duration: `42s`, `5m 03s`, `2h 07m`. */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return ms < 1000 && ms > 0 ? `${Math.round(ms)}ms` : `${totalSeconds}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** The word a status is shown as, upper-cased for the verdict line. */
export function statusWord(status: CheckStatus): string {
  return status.toUpperCase();
}

/** A symbol per status, for Markdown where colour is not available. */
export function statusIcon(status: CheckStatus): string {
  switch (status) {
    case 'pass':
      return '✅';
    case 'fail':
      return '❌';
    case 'inconclusive':
      return '⚠️';
    case 'skipped':
      return '⏭️';
  }
}

/** Formats what one event leaves behind: signed bytes for memory series, a signed count otherwise. */
export function formatPerEvent(amount: number, inBytes: boolean): string {
  if (!inBytes) return formatSigned(amount);
  return amount > 0 ? `+${formatBytes(amount)}` : formatBytes(amount);
}
