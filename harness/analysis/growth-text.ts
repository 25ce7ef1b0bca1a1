/**
 * The sentences a person reads about growth: the N-hour bound of a leak-free series ("< 0.9 MB/h with 99 %
 * confidence, < 22 MB/day"), the projection of a leak that is below budget but unbounded, and the
 * "N more minutes would decide" of an inconclusive one.
 */

/** Rounds to two significant figures (three below 10 when it matters), without exponent notation. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : Math.min(6, 1 - Math.floor(Math.log10(magnitude)));
  return String(+value.toFixed(digits));
}

/** "< 0.9 MB/h with 99 % confidence, < 22 MB/day" for an upper bound given per minute. */
export function boundText(highPerMin: number, unit: string, confidence: number): string {
  const percent = `${+(confidence * 100).toFixed(1)} %`;
  if (highPerMin <= 0) return `no growth (upper bound ${formatFigure(highPerMin * 60)} ${unit}/h) with ${percent} confidence`;
  return `< ${formatFigure(highPerMin * 60)} ${unit}/h with ${percent} confidence, < ${formatFigure(highPerMin * 1440)} ${unit}/day`;
}

/** Bound over a requested number of hours: "< 7.2 MB over 8 h". */
export function hoursBoundText(highPerMin: number, unit: string, hours: number): string {
  return `< ${formatFigure(Math.max(0, highPerMin) * 60 * hours)} ${unit} over ${hours} h`;
}

/**
 * Where a steady leak goes: per day and per 30 days, and for memory when it would fill the host
 * ("+50 MB/day, +1.5 GB in 30 days; fills the host's 16 GB in 330 days").
 */
export function projectionText(perMin: number, unit: string, hostMemMb?: number): string {
  const perDay = perMin * 1440;
  const parts = [`+${scaled(perDay, unit)}/day`, `+${scaled(perDay * 30, unit)} in 30 days`];
  let text = parts.join(', ');
  if (unit === 'MB' && hostMemMb !== undefined && hostMemMb > 0 && perDay > 0) {
    text += `; fills the host's ${scaled(hostMemMb, 'MB')} in ${formatFigure(hostMemMb / perDay)} days`;
  }
  return text;
}

/** "12 more minutes would decide at the observed noise", or why no length of run would. */
export function moreMinutesText(moreMinutes: number | null): string {
  if (moreMinutes === null) return 'the estimate sits on the margin (or growth is slowing): a longer run alone may not decide';
  return `about ${moreMinutes} more minute${moreMinutes === 1 ? '' : 's'} would decide at the observed noise`;
}

function scaled(value: number, unit: string): string {
  if (unit === 'MB' && Math.abs(value) >= 1024) return `${formatFigure(value / 1024)} GB`;
  return `${formatFigure(value)} ${unit}`;
}
