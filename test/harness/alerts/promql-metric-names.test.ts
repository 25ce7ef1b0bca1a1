import { describe, expect, it } from 'vitest';
import { exportedMetricFor, promqlMetricNames } from '../../../harness/alerts/index.ts';

describe('promqlMetricNames', () => {
  it('keeps selected metrics and drops functions, keywords, labels, strings, ranges and numbers', () => {
    const expr = [
      '(sum by (job, instance) (increase(orderbook_collector_messages_received_total{job="orderbook-collector"}[3m])) == 0',
      'or on (job, instance) (up{job="c"} == 1 unless on (job, instance) count by (job) (foo_total{a=~"x|y"})))',
      'and on (job, instance) (time() - process_start_time_seconds{job="c"}) > 1e3 * 0x10',
    ].join('\n');
    expect(promqlMetricNames(expr)).toEqual(['foo_total', 'orderbook_collector_messages_received_total', 'process_start_time_seconds', 'up']);
  });

  it('handles histogram_quantile, offsets, Grafana variables and label_replace strings', () => {
    expect(promqlMetricNames('histogram_quantile(0.95, sum by (le) (rate(nodejs_gc_duration_seconds_bucket{job="$job"}[$__rate_interval])))')).toEqual(['nodejs_gc_duration_seconds_bucket']);
    expect(promqlMetricNames('rss offset 5m - rss offset 1h30m')).toEqual(['rss']);
    expect(promqlMetricNames('label_replace(a, "dst", "$1", "src", "(.*)") + ignoring(x) group_left(y) b')).toEqual(['a', 'b']);
    expect(promqlMetricNames('sum without (instance) (c) / max(d)')).toEqual(['c', 'd']);
  });

  it('maps histogram series to the family an exporter lists', () => {
    const exported = new Set(['nodejs_gc_duration_seconds', 'process_open_fds']);
    expect(exportedMetricFor('nodejs_gc_duration_seconds_bucket', exported)).toBe('nodejs_gc_duration_seconds');
    expect(exportedMetricFor('nodejs_gc_duration_seconds_count', exported)).toBe('nodejs_gc_duration_seconds');
    expect(exportedMetricFor('process_open_fds', exported)).toBe('process_open_fds');
    expect(exportedMetricFor('process_open_fds_bucket_x', exported)).toBeUndefined();
  });
});
