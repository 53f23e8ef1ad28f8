/**
 * The seeded randomness every generated fact comes from (never Math.random): sfc32, a small fast
 * PRNG, seeded through a string hash so each part of the world forks its own stream by label.
 * Forked streams keep parts independent: changing how videos are drawn leaves artist names alone.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[['en', 55], ['es', 10]]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Normal-ish (sum of three uniforms), mean 0, standard deviation about 1. */
  gaussian(): number;
  /** An independent stream derived from this one's seed and a label. */
  fork(label: string): Random;
}

/** 32-bit FNV-1a of a string, used to turn seed + label into sfc32 state. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRandom(seed: number | string): Random {
  const key = String(seed);
  let a = hash(`${key}:a`);
  let b = hash(`${key}:b`);
  let c = hash(`${key}:c`);
  let d = 1;
  const next = (): number => {
    // sfc32 (Chris Doty-Humphrey's small fast chaotic PRNG)
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // let the state mix before first use

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (entries) => {
      let total = 0;
      for (const [, weight] of entries) total += weight;
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    gaussian: () => ((next() + next() + next()) - 1.5) * 2,
    fork: (label) => createRandom(`${key}/${label}`),
  };
  return random;
}
