/**
 * The world one simulator run shares: the catalogue and a simulated clock that tests can move
 * forward ("an hour later the token has expired") without waiting.
 */
import type { SimCatalogue } from '../catalogue/types.js';
import type { SimulatorWorld } from '../kit.js';

export interface SimulatedClock {
  now(): number;
  /** Moves the clock forward; answers the new now. */
  advance(ms: number): number;
  /** How far the clock runs ahead of real time. */
  offsetMs(): number;
  reset(): void;
}

export function createClock(): SimulatedClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += Math.max(0, ms);
      return Date.now() + offset;
    },
    offsetMs: () => offset,
    reset: () => {
      offset = 0;
    },
  };
}

export function createWorld(catalogue: SimCatalogue, clock: SimulatedClock = createClock()): { world: SimulatorWorld; clock: SimulatedClock } {
  return { world: { catalogue, now: () => clock.now() }, clock };
}
