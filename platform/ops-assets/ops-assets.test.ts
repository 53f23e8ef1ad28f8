/**
 * The operations assets stay true to the code: the Prometheus alert rules (ops/prometheus/alerts.yml)
 * and the Grafana dashboard (ops/grafana/supergraph.json) are well-formed, every alert links to a
 * runbook section that exists in docs/operations.md, and every metric name (and every label matched
 * on a metric) in their PromQL is one the processes really serve on `/metrics`.
 *
 * "Really serve" is read from prom-client itself: every source module that imports prom-client is
 * imported here (which registers its metrics on the process registry, platform/metrics.ts), Node's
 * default metrics are started as `mountProbes` starts them, and the registry lists its metrics.
 * Entry points (main.ts, role.ts) are not imported, since importing them starts a process; metrics
 * they define are read from their source by the constructor regex below. (The test lives under
 * platform/ because the unit project's globs do not include ops/.)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Counter, Gauge, Histogram, Summary, type Metric } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../runtime/child.js';

const ALERTS_FILE = join(REPO_ROOT, 'ops', 'prometheus', 'alerts.yml');
const DASHBOARD_FILE = join(REPO_ROOT, 'ops', 'grafana', 'supergraph.json');
const OPERATIONS_DOC = join(REPO_ROOT, 'docs', 'operations.md');
const SOURCE_DIRS = ['platform', 'providers', 'gateway', 'subgraphs'];
const ENTRY_POINTS = new Set(['main.ts', 'role.ts', 'start.ts']);

/** Series Prometheus itself makes for every target (not served by our processes). */
const PROMETHEUS_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
/**
 * Labels that the scrape adds to every series (docs/operations.md "Metrics and scraping"): `job` and
 * `instance` by Prometheus, `namespace`, `pod` and `container` by the Kubernetes service discovery
 * relabelling of the usual setups; and the labels every histogram series or quantile has.
 */
const TARGET_LABELS = new Set(['job', 'instance', 'namespace', 'pod', 'container']);

// ---------------------------------------------------------------------------------------------
// Metric names out of PromQL. No PromQL parser is needed for names: after removing what is not a
// name (string literals, Grafana variables, label matchers `{…}`, ranges `[…]`, the label lists of
// `by/without/on/ignoring/group_left/group_right (…)`), a metric name is an identifier
//   /[a-zA-Z_:][a-zA-Z0-9_:]*/
// that is not followed by `(` (a function or aggregation), not a keyword and not a number literal.
// ---------------------------------------------------------------------------------------------
const IDENTIFIER = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan', 'atan2']);
const SELECTOR = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}/g;
const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g;

function withoutNonNames(expr: string): string {
  return expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\$\{[^}]*\}|\$[a-zA-Z_]\w*/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, ' ');
}

export function metricNamesIn(expr: string): string[] {
  const text = withoutNonNames(expr);
  const names = new Set<string>();
  for (const match of text.matchAll(IDENTIFIER)) {
    const after = text.slice((match.index ?? 0) + match[0].length);
    if (/^\s*\(/.test(after) || KEYWORDS.has(match[0].toLowerCase())) continue;
    names.add(match[0]);
  }
  return [...names];
}

/** `metric{label="…"}` → the labels matched on that metric (Grafana variables removed first). */
export function labelMatchersIn(expr: string): { metric: string; labels: string[] }[] {
  const text = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...text.matchAll(SELECTOR)].map((m) => ({ metric: m[1]!, labels: [...(m[2] ?? '').matchAll(MATCHER)].map((l) => l[1]!) }));
}

// ---------------------------------------------------------------------------------------------
// What the code registers.
// ---------------------------------------------------------------------------------------------
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'generated') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

interface KnownMetric {
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  labels: Set<string>;
}

/** The series names a metric appears under in the exposition format. */
function seriesNames(name: string, type: KnownMetric['type']): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

function typeOf(metric: Metric): KnownMetric['type'] {
  if (metric instanceof Histogram) return 'histogram';
  if (metric instanceof Summary) return 'summary';
  if (metric instanceof Counter) return 'counter';
  if (metric instanceof Gauge) return 'gauge';
  throw new Error(`unknown kind of metric ${(metric as { name: string }).name}`);
}

/** Metric constructors in source (for entry points): `new Gauge({ name: 'x', … labelNames: ['a'] })`. */
const CONSTRUCTOR = /new\s+(Counter|Gauge|Histogram|Summary)\s*(?:<[^>]*>)?\s*\(\s*\{[\s\S]*?name:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'(?:[\s\S]*?labelNames:\s*\[([^\]]*)\])?/g;

async function registeredMetrics(): Promise<{ series: Map<string, KnownMetric>; modules: string[] }> {
  const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(REPO_ROOT, dir))).filter((file) =>
    /from 'prom-client'/.test(readFileSync(file, 'utf8')),
  );
  const series = new Map<string, KnownMetric>();
  const add = (name: string, known: KnownMetric) => seriesNames(name, known.type).forEach((s) => series.set(s, known));
  for (const file of files) {
    if (!ENTRY_POINTS.has(basename(file))) {
      await import(file);
      continue;
    }
    for (const m of readFileSync(file, 'utf8').matchAll(CONSTRUCTOR)) {
      const labels = [...(m[3] ?? '').matchAll(/'([^']+)'/g)].map((l) => l[1]!);
      add(m[2]!, { type: m[1]!.toLowerCase() as KnownMetric['type'], labels: new Set(labels) });
    }
  }
  const registry = (await import('../metrics.js')) as { metrics: import('prom-client').Registry; collectProcessMetrics?: (service: string) => void };
  registry.collectProcessMetrics?.('ops-assets-test');
  for (const metric of registry.metrics.getMetricsAsArray()) {
    const { name, labelNames = [] } = metric as unknown as { name: string; labelNames?: string[] };
    const defaults = Object.keys((registry.metrics as unknown as { _defaultLabels?: Record<string, string> })._defaultLabels ?? {});
    add(name, { type: typeOf(metric as unknown as Metric), labels: new Set([...labelNames, ...defaults]) });
  }
  return { series, modules: files.map((file) => relative(REPO_ROOT, file)) };
}

// ---------------------------------------------------------------------------------------------
// The assets.
// ---------------------------------------------------------------------------------------------
interface AlertRule {
  alert?: string;
  record?: string;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

const rules = (): AlertRule[] => {
  const file = parseYaml(readFileSync(ALERTS_FILE, 'utf8')) as { groups?: { name?: string; rules?: AlertRule[] }[] };
  return (file.groups ?? []).flatMap((group) => group.rules ?? []);
};

interface Panel {
  id?: number;
  type?: string;
  title?: string;
  targets?: { expr?: string; refId?: string }[];
  panels?: Panel[];
}

const dashboard = () => JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as { panels?: Panel[]; templating?: { list?: { name: string; type: string; query?: unknown; definition?: string }[] }; uid?: string; title?: string };

const allPanels = (panels: Panel[] = []): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels)]);

/** GitHub's heading anchors: lower case, punctuation but `-` and `_` dropped, spaces to `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const docAnchors = (): Set<string> =>
  new Set(
    readFileSync(OPERATIONS_DOC, 'utf8')
      .split('\n')
      .filter((line) => /^#{1,6}\s/.test(line))
      .map((line) => headingAnchor(line.replace(/^#+\s*/, ''))),
  );

/** Every PromQL expression of both assets, with where it is. */
function expressions(): { where: string; expr: string }[] {
  const fromRules = rules().map((rule) => ({ where: `alert ${rule.alert ?? rule.record}`, expr: String(rule.expr ?? '') }));
  const board = dashboard();
  const fromPanels = allPanels(board.panels).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}" ${target.refId}`, expr: target.expr ?? '' })),
  );
  const fromVariables = (board.templating?.list ?? [])
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const query = typeof variable.query === 'string' ? variable.query : ((variable.query as { query?: string } | undefined)?.query ?? variable.definition ?? '');
      // label_values(metric, label): the metric is an expression; the label is checked below.
      return { where: `variable ${variable.name}`, expr: query.replace(/^label_values\((.*),\s*\w+\)$/, '$1').replace(/^label_values\((\w+)\)$/, '$1') };
    });
  return [...fromRules, ...fromPanels, ...fromVariables];
}

describe('the PromQL name extraction', () => {
  it('finds metric names and nothing else', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, operation) (rate(graphql_operation_duration_seconds_bucket{service=~"$service", type!="subscription"}[$__rate_interval]))) > 0.5 and on(service) up == 1',
      ).sort(),
    ).toEqual(['graphql_operation_duration_seconds_bucket', 'up']);
    expect(metricNamesIn('min by (bucket) (provider_quota_remaining{provider="youtube"}) / 10000 < 0.1')).toEqual(['provider_quota_remaining']);
    expect(labelMatchersIn('rate(a_total{x="1", y=~"b|c"}[5m]) / b')).toEqual([{ metric: 'a_total', labels: ['x', 'y'] }]);
  });

  it('makes GitHub anchors of headings', () => {
    expect(headingAnchor('SupergraphHighErrorRate')).toBe('supergraphhigherrorrate');
    expect(headingAnchor('Rotate keys: `IDENTITY_TOKEN_SECRET`')).toBe('rotate-keys-identity_token_secret');
  });
});

describe('alert rules (ops/prometheus/alerts.yml)', () => {
  it('are complete: expr, for, severity, summary, description and a runbook section that exists', () => {
    const anchors = docAnchors();
    const all = rules().filter((rule) => rule.alert);
    expect(all.length).toBeGreaterThanOrEqual(8);
    const names = all.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of all) {
      const where = `alert ${rule.alert}`;
      expect(typeof rule.expr === 'string' && rule.expr.trim().length > 0, `${where}: expr`).toBe(true);
      expect(String(rule.for), `${where}: for`).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning', 'info'], `${where}: labels.severity`).toContain(rule.labels?.severity);
      expect(String(rule.annotations?.summary ?? '').length, `${where}: annotations.summary`).toBeGreaterThan(0);
      expect(String(rule.annotations?.description ?? '').length, `${where}: annotations.description`).toBeGreaterThan(0);
      const runbook = String(rule.annotations?.runbook_url ?? '');
      expect(runbook, `${where}: runbook_url`).toMatch(/^docs\/operations\.md#[^#\s]+$/);
      expect(anchors.has(runbook.split('#')[1]!), `${where}: ${runbook} is a heading of docs/operations.md`).toBe(true);
    }
  });

  it('cover error rate, latency, providers, breakers, cache, quota and queues', () => {
    const exprs = rules().map((rule) => String(rule.expr));
    for (const needed of ['graphql_requests_total', 'graphql_operation_duration_seconds_bucket', 'provider_requests_total', 'provider_circuit_open', 'provider_cache_lookups_total', 'provider_quota_remaining', 'job_queue_jobs']) {
      expect(exprs.some((expr) => metricNamesIn(expr).includes(needed)), needed).toBe(true);
    }
  });
});

describe('the Grafana dashboard (ops/grafana/supergraph.json)', () => {
  it('has a Prometheus datasource variable, unique panel ids, and targets on every graph', () => {
    const board = dashboard();
    expect(board.uid).toBeTruthy();
    const variables = board.templating?.list ?? [];
    const datasource = variables.find((variable) => variable.type === 'datasource');
    expect(datasource?.query).toBe('prometheus');
    const panels = allPanels(board.panels);
    const ids = panels.map((panel) => panel.id);
    expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const graphs = panels.filter((panel) => panel.type !== 'row' && panel.type !== 'text');
    expect(graphs.length).toBeGreaterThanOrEqual(12);
    for (const panel of graphs) {
      expect(panel.targets?.length, `panel "${panel.title}" has targets`).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(target.expr?.trim(), `panel "${panel.title}" ${target.refId}`).toBeTruthy();
      expect(JSON.stringify((panel as { datasource?: unknown }).datasource), `panel "${panel.title}" uses the datasource variable`).toContain('${datasource}');
    }
  });
});

describe('the metric names in alerts and the dashboard', () => {
  it('are all registered by the code, with the labels matched on them', async () => {
    const { series, modules } = await registeredMetrics();
    expect(modules.length).toBeGreaterThan(3);
    expect(series.size).toBeGreaterThan(20);
    const unknown: string[] = [];
    const badLabels: string[] = [];
    for (const { where, expr } of expressions()) {
      const names = metricNamesIn(expr);
      expect(names.length, `${where}: a metric in ${expr}`).toBeGreaterThan(0);
      for (const name of names) if (!series.has(name) && !PROMETHEUS_SERIES.has(name)) unknown.push(`${where}: ${name}`);
      for (const { metric, labels } of labelMatchersIn(expr)) {
        const known = series.get(metric);
        if (!known) continue;
        for (const label of labels) {
          if (!known.labels.has(label) && !TARGET_LABELS.has(label) && label !== 'le' && label !== 'quantile') badLabels.push(`${where}: ${metric}{${label}}`);
        }
      }
    }
    expect(unknown, 'metric names no process registers').toEqual([]);
    expect(badLabels, 'labels the metric does not have').toEqual([]);
  });
});
