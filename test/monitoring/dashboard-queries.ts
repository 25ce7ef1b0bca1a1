// Every PromQL query of the Grafana dashboard: panel targets and templating variable queries.
import { readFileSync } from 'node:fs';

export const DASHBOARD_PATH = new URL('../../monitoring/grafana/collector-dashboard.json', import.meta.url).pathname;

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Array<{ expr?: string; refId: string }>;
  datasource?: { type: string; uid: string };
}

/** The dashboard JSON, as far as the tests read it. */
export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; query?: string | { query: string } }> };
}

/** Parses the committed dashboard (throws on invalid JSON). */
export function readDashboard(): Dashboard {
  return JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as Dashboard;
}

/** Every query with where it comes from. */
export function dashboardQueries(dashboard: Dashboard): Array<{ where: string; expr: string }> {
  const queries: Array<{ where: string; expr: string }> = [];
  for (const panel of dashboard.panels) {
    for (const target of panel.targets ?? []) {
      if (target.expr !== undefined) queries.push({ where: `panel "${panel.title}" ${target.refId}`, expr: target.expr });
    }
  }
  for (const variable of dashboard.templating.list) {
    if (variable.type !== 'query') continue;
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
    const inner = query ? /^label_values\((.*),\s*\w+\)$/.exec(query)?.[1] : undefined;
    if (inner) queries.push({ where: `variable $${variable.name}`, expr: inner });
  }
  return queries;
}

/** A query with Grafana's variables replaced by values Prometheus accepts. */
export function substituteVariables(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '1m')
    .replace(/\$\{?(\w+)\}?/g, (_match, name: string) => (name === 'job' ? 'orderbook-collector' : '.*'));
}
