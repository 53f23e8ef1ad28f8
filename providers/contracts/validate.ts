/**
 * The library's entry points: `validateRequest` and `validateResponse` for one provider, each
 * returning readable error lines (empty = valid). Contracts load their specs on first use.
 */
import type { Contract } from './contract.js';
import type { ProviderName, RequestSample, ResponseSample } from './exchange.js';
import { geniusContract } from './genius.js';
import { googleOAuthContract } from './google-oauth.js';
import { odesliContract } from './odesli.js';
import { spotifyAccountsContract } from './spotify-accounts.js';
import { spotifyContract } from './spotify.js';
import { toWireRequest, toWireResponse } from './wire.js';
import { youtubeContract } from './youtube.js';

const CONTRACTS: Record<ProviderName, Contract> = {
  spotify: spotifyContract,
  'spotify-accounts': spotifyAccountsContract,
  youtube: youtubeContract,
  'google-oauth': googleOAuthContract,
  genius: geniusContract,
  odesli: odesliContract,
};

function contract(api: ProviderName): Contract {
  const found = CONTRACTS[api];
  if (!found) throw new Error(`no contract for provider ${String(api)}`);
  return found;
}

/** Is this a request the real service accepts? */
export function validateRequest(api: ProviderName, request: RequestSample): string[] {
  const wire = toWireRequest(request);
  return typeof wire === 'string' ? [wire] : contract(api).request(wire);
}

/** Is this an answer the real service could give to this method and URL? */
export function validateResponse(api: ProviderName, response: ResponseSample): string[] {
  const wire = toWireResponse(response);
  return typeof wire === 'string' ? [wire] : contract(api).response(wire);
}
