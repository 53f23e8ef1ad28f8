/**
 * Reads Prometheus' text exposition format (what prom-client's `/metrics` serves) into samples and
 * the families they belong to. Small and by hand: no parser is installed, and tests need only
 * names, labels and values (no exemplars, no timestamps, which prom-client does not write).
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Family name → TYPE (counter, gauge, histogram, summary), from the `# TYPE` lines. */
  families: Map<string, string>;
  samples: Sample[];
  /** Samples named `name` whose labels include every one of `labels`. */
  find(name: string, labels?: Record<string, string>): Sample[];
  /** The sum of those samples' values (0 when there are none). */
  sum(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescape = (value: string) => value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

export function parseExposition(text: string): Exposition {
  const families = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (\S+)/.exec(line);
      if (type) families.set(type[1]!, type[2]!);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = unescape(value!);
    const raw = match[3]!;
    samples.push({ name: match[1]!, labels, value: raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw) });
  }
  const find = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return { families, samples, find, sum: (name, labels) => find(name, labels).reduce((total, s) => total + s.value, 0) };
}

/**
 * Checks one histogram series (the `_bucket`, `_count` samples sharing `labels`): buckets never
 * decrease with `le`, and the `+Inf` bucket equals `_count`. Returns the count.
 */
export function checkHistogram(exposition: Exposition, name: string, labels: Record<string, string>): number {
  // `service` is a registry-wide default label (platform/metrics.ts): not part of a series' identity here.
  const exact = (s: Sample) => Object.keys(s.labels).filter((k) => k !== 'le' && k !== 'service' && !(k in labels)).length === 0;
  const buckets = exposition
    .find(`${name}_bucket`, labels)
    .filter(exact)
    .map((s) => ({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), value: s.value }))
    .sort((a, b) => a.le - b.le);
  const count = exposition.find(`${name}_count`, labels).filter(exact);
  if (!buckets.length || count.length !== 1) throw new Error(`${name}${JSON.stringify(labels)}: no such histogram series`);
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`${name}${JSON.stringify(labels)}: bucket le=${buckets[i]!.le} < previous`);
  }
  const inf = buckets[buckets.length - 1]!;
  if (inf.le !== Infinity || inf.value !== count[0]!.value) throw new Error(`${name}${JSON.stringify(labels)}: +Inf bucket ${inf.value} ≠ count ${count[0]!.value}`);
  return count[0]!.value;
}
