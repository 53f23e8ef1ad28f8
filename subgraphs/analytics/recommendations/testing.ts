/**
 * For tests only: recommendations computed by brute force, straight from the definition in
 * ./compute.ts's header, pair by pair in plain loops (no SQL, no shortcut), so that the unit tests
 * and the e2e test can check the SQL's whole ranking against it.
 */
import type { RecommendationPolicy } from './policy.js';

export interface Play {
  eventId: string;
  userId: string;
  trackId: string;
  playedAt: Date;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Scores compared at 10 significant digits, then ids in byte order, as the SQL does. */
const sig = (x: number) => Number(x.toPrecision(10));
const byScoreThenId = (a: { score: number; id: string }, b: { score: number; id: string }) =>
  sig(b.score) - sig(a.score) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every active user's ranked candidates (all languages), as the run at `now` stores them. */
export function bruteForceRecommendations(plays: Play[], policy: RecommendationPolicy, now: Date) {
  const halfLife = policy.halfLifeDays * DAY;
  const decay = (at: number) => 0.5 ** Math.min((now.getTime() - at) / halfLife, 200);
  const windowStart = now.getTime() - policy.windowDays * DAY;
  const inWindow = plays.filter((p) => p.playedAt.getTime() > windowStart && p.playedAt.getTime() <= now.getTime());
  const users = [...new Set(inWindow.map((p) => p.userId))];
  const sessions: { tracks: Set<string>; weight: number }[] = [];
  for (const user of users) {
    const own = inWindow.filter((p) => p.userId === user).sort((a, b) => a.playedAt.getTime() - b.playedAt.getTime() || (a.eventId < b.eventId ? -1 : 1));
    let current: Play[] = [];
    const close = () => {
      if (!current.length) return;
      const last = new Map<string, number>();
      for (const p of current) last.set(p.trackId, Math.max(last.get(p.trackId) ?? 0, p.playedAt.getTime()));
      const kept = [...last].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, policy.maxTracksPerSession).map(([t]) => t);
      sessions.push({ tracks: new Set(kept), weight: decay(Math.max(...current.map((p) => p.playedAt.getTime()))) });
      current = [];
    };
    for (const p of own) {
      const previous = current.at(-1);
      if (previous && p.playedAt.getTime() - previous.playedAt.getTime() >= policy.sessionGapMinutes * MINUTE) close();
      current.push(p);
    }
    close();
  }
  const allTracks = [...new Set(inWindow.map((p) => p.trackId))];
  const n = (a: string) => sessions.filter((s) => s.tracks.has(a)).reduce((sum, s) => sum + s.weight, 0);
  const neighbours = new Map<string, { id: string; score: number }[]>();
  for (const a of allTracks) {
    const list: { id: string; score: number }[] = [];
    for (const b of allTracks) {
      if (a === b) continue;
      const together = sessions.filter((s) => s.tracks.has(a) && s.tracks.has(b)).reduce((sum, s) => sum + s.weight, 0);
      if (together > 0) list.push({ id: b, score: together / Math.sqrt(n(a) * n(b)) });
    }
    neighbours.set(a, list.sort(byScoreThenId).slice(0, policy.neighboursPerTrack));
  }
  const activeSince = now.getTime() - policy.activeDays * DAY;
  const result = new Map<string, { trackId: string; score: number; reasonTrackId: string }[]>();
  for (const user of users.filter((u) => inWindow.some((p) => p.userId === u && p.playedAt.getTime() > activeSince))) {
    const everPlayed = new Set(plays.filter((p) => p.userId === user).map((p) => p.trackId));
    const seedPlays = inWindow.filter((p) => p.userId === user);
    const lastPlay = new Map<string, number>();
    for (const p of seedPlays) lastPlay.set(p.trackId, Math.max(lastPlay.get(p.trackId) ?? 0, p.playedAt.getTime()));
    const seeds = [...lastPlay].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, policy.seedsPerUser).map(([t]) => t);
    const candidates = new Map<string, { score: number; terms: { id: string; score: number }[] }>();
    for (const seed of seeds) {
      const weight = seedPlays.filter((p) => p.trackId === seed).reduce((sum, p) => sum + decay(p.playedAt.getTime()), 0);
      for (const neighbour of neighbours.get(seed) ?? []) {
        if (everPlayed.has(neighbour.id)) continue;
        const entry = candidates.get(neighbour.id) ?? { score: 0, terms: [] };
        entry.score += weight * neighbour.score;
        entry.terms.push({ id: seed, score: weight * neighbour.score });
        candidates.set(neighbour.id, entry);
      }
    }
    const ranked = [...candidates]
      .map(([id, c]) => ({ id, score: c.score, reason: c.terms.sort(byScoreThenId)[0]!.id }))
      .sort(byScoreThenId)
      .slice(0, policy.keptPerUser);
    result.set(user, ranked.map((r) => ({ trackId: r.id, score: r.score, reasonTrackId: r.reason })));
  }
  return result;
}

