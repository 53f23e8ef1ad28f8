/**
 * What every provider contract implements, whether it comes from a spec file (Spotify, Genius,
 * YouTube) or is a hand-written rule set (the OAuth servers, Odesli): two checks returning
 * readable error lines, empty when the traffic is what the real service accepts / sends.
 */
import type { WireRequest, WireResponse } from './wire.js';

export interface Contract {
  request(req: WireRequest): string[];
  response(res: WireResponse): string[];
}

/** Shared by the spec-driven contracts: a JSON body where the contract expects one. */
export function requireJsonBody(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return 'response body is empty, expected JSON';
  if (typeof body === 'string') return `response body is not JSON: ${JSON.stringify(body.slice(0, 60))}`;
  return undefined;
}
