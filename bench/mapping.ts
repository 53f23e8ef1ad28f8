/**
 * `npm run bench -- mapping [--cases FILE]`: the Spotify → YouTube mapping engine, offline and
 * against the simulators.
 *
 * 1. Evaluation: runs the scoring function (`decideMapping`) on labeled cases —
 *    ../shared/mapping-eval/public.jsonl by default — and prints figures per `kind` tag and the
 *    worst misses (definitions in subgraphs/catalog/mapping/scoring/evaluate.ts).
 * 2. Import: maps a 1,000-track library against the simulators and measures YouTube quota units
 *    and search.list calls per mapped track against the naive one-search-per-track strategy
 *    (`importFigures`, through subgraphs/catalog/mapping/import-figures.ts).
 *
 * Ends with one JSON line: {"cases", "precisionAt1", "bestRate", "falseAcceptRate", "coverage",
 * "unitsPerTrack", "searchesPerTrack", "naiveUnitsPerTrack", "importAccuracy"}; ratios 0-1, 4 decimals.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIDENT_THRESHOLD, decideMapping } from '../subgraphs/catalog/mapping/scoring/index.js';
import { evaluate, figuresByKind, parseCases, worstMisses, type Evaluation, type Figures, type LabeledCase } from '../subgraphs/catalog/mapping/scoring/evaluate.js';

interface ImportFigures {
  unitsPerTrack: number | null;
  searchesPerTrack: number | null;
  naiveUnitsPerTrack: number | null;
  importAccuracy: number | null;
}

function casesPath(args: readonly string[]): string {
  const at = args.indexOf('--cases');
  if (at >= 0) {
    const file = args[at + 1];
    if (!file) throw new Error('--cases needs a file');
    return resolve(process.cwd(), file);
  }
  return fileURLToPath(new URL('../../shared/mapping-eval/public.jsonl', import.meta.url));
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const line = (label: string, { figures: f, counts }: Pick<Evaluation, 'figures' | 'counts'>): string => {
  const declined = f.cases - counts.answerable;
  const answerable = counts.answerable === 0 ? '   (no answerable case)      ' : `p@1 ${percent(f.precisionAt1).padStart(6)}  best ${percent(f.bestRate).padStart(6)}`;
  return `${label.padEnd(16)} ${String(f.cases).padStart(4)} cases  ${answerable}  false-accept ${percent(f.falseAcceptRate).padStart(6)}  coverage ${percent(f.coverage).padStart(6)}${declined > 0 ? `  (${declined} with nothing acceptable)` : ''}`;
};

/** Decisions per second once warm (the first pass pays for compilation). */
function throughput(cases: readonly LabeledCase[]): number {
  let decisions = 0;
  const started = performance.now();
  while (performance.now() - started < 400) {
    for (const labeled of cases) decideMapping(labeled.spotify, labeled.candidates);
    decisions += cases.length;
  }
  return Math.round(decisions / ((performance.now() - started) / 1000));
}

function evaluation(path: string): Figures {
  if (!existsSync(path)) {
    console.error(`no cases file at ${path}`);
    process.exit(1);
  }
  const cases = parseCases(readFileSync(path, 'utf8'));
  const evaluated = evaluate(cases);
  const { figures, results, counts } = evaluated;
  const candidates = cases.reduce((n, c) => n + c.candidates.length, 0);
  console.log(`mapping evaluation: ${path}`);
  console.log(`${cases.length} cases, ${candidates} candidates; ${throughput(cases)} decisions/s warm; confident threshold ${CONFIDENT_THRESHOLD}`);
  console.log(line('all', evaluated));
  console.log(`  ${counts.picksInAcceptable}/${counts.answerable} picks acceptable, ${counts.picksInBest} best, ${counts.falseAccepts} false accepts, ${counts.confidentPicks} confident`);
  for (const [kind, byKind] of figuresByKind(results)) console.log(line(`  ${kind}`, byKind));
  const misses = worstMisses(results);
  console.log(misses.length > 0 ? 'worst misses:' : 'worst misses: none');
  for (const miss of misses) {
    const chosen = miss.decision.choice;
    const what = miss.falseAccept ? 'FALSE ACCEPT' : miss.pick === null ? 'declined' : 'wrong pick';
    console.log(`  ${miss.case.id} [${miss.case.kind.join(', ')}] ${what}: "${miss.case.spotify.name}" — ${miss.case.spotify.artists.join(', ')}`);
    console.log(`    ${miss.decision.outcome} ${miss.decision.confidence}: ${chosen ? `${chosen.videoId} "${chosen.title}" (${chosen.channelTitle}, ${chosen.durationSeconds} s)` : 'no pick'}`);
    if (chosen) console.log(`    because ${chosen.reasons.join('; ')}`);
    const expected = miss.decision.ranked.find((c) => miss.case.best.includes(c.videoId)) ?? miss.decision.ranked.find((c) => miss.case.acceptable.includes(c.videoId));
    if (expected) console.log(`    expected ${expected.videoId} "${expected.title}" (${expected.channelTitle}) scored ${expected.score}: ${expected.reasons.join('; ')}`);
  }
  return figures;
}

/**
 * A 1,000-track library of about 200 artists mapped against the simulators (default 20,000-track
 * world) through the engine, and the naive "one search per track" strategy in the same run
 * (subgraphs/catalog/mapping/import-figures.ts). The configuration is pointed at simulators of this
 * run, with a Redis key prefix of its own (cold caches, an unspent quota ledger), before anything
 * reads it; Odesli is not paced, since its real pace stretches the run's time, not its figures.
 */
async function importFigures(): Promise<ImportFigures> {
  const ports = { spotify: 14811, youtube: 14812, genius: 14813, odesli: 14814 };
  Object.assign(process.env, {
    REDIS_KEY_PREFIX: `bench:mapping:${randomBytes(4).toString('hex')}:`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ODESLI_REQUESTS_PER_MINUTE: '100000',
    SIMULATOR_SPOTIFY_PORT: String(ports.spotify),
    SIMULATOR_YOUTUBE_PORT: String(ports.youtube),
    SIMULATOR_GENIUS_PORT: String(ports.genius),
    SIMULATOR_ODESLI_PORT: String(ports.odesli),
  });
  const { simulatedProviders } = await import('../platform/runtime/simulated-providers.js');
  Object.assign(process.env, simulatedProviders(process.env as Record<string, string>).env);
  const { startSimulators } = await import('../providers/simulators/index.js');
  const { mapLibraryAgainstSimulators } = await import('../subgraphs/catalog/mapping/import-figures.js');
  const simulators = await startSimulators({ ports });
  try {
    const figures = await mapLibraryAgainstSimulators({ tracks: 1_000, artists: 200 });
    console.log(
      `import: ${figures.mapped} tracks mapped, ${figures.unitsPerTrack} units and ${figures.searchesPerTrack} searches per track ` +
        `(naive: ${figures.naiveUnitsPerTrack}), ${percent(figures.importAccuracy)} correct`,
    );
    return {
      unitsPerTrack: round(figures.unitsPerTrack),
      searchesPerTrack: round(figures.searchesPerTrack),
      naiveUnitsPerTrack: round(figures.naiveUnitsPerTrack),
      importAccuracy: round(figures.importAccuracy),
    };
  } finally {
    await simulators.stop();
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${process.env.REDIS_KEY_PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

const figures = evaluation(casesPath(process.argv.slice(2)));
const imported = await importFigures();
console.log(JSON.stringify({ ...figures, ...imported }));
