/**
 * Free hints are optional: when Odesli or Genius fails (down, rate limited, malformed), the track
 * is mapped from the other sources instead of failing. Only an exhausted quota travels on, since
 * jobs wait for the reset on it.
 */
import type { Logger } from 'pino';
import { QuotaExhaustedError } from '../../../../providers/http/errors.js';

export async function optionalHint<T>(what: string, log: Logger | undefined, lookup: () => Promise<T | null>): Promise<T | null> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof QuotaExhaustedError) throw error;
    log?.debug({ err: error, hint: what }, 'mapping hint unavailable');
    return null;
  }
}
