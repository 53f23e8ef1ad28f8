/**
 * Contract checks of provider traffic against the real APIs' specs (Spotify and Genius OpenAPI,
 * YouTube's discovery document) and hand-written rule sets (OAuth servers, Odesli). See README.md.
 */
export type { ProviderExchange, ProviderName, RequestSample, ResponseSample } from './exchange.js';
export { validateRequest, validateResponse } from './validate.js';
export {
  assertExchangesValid,
  checkExchange,
  checkExchanges,
  ContractViolationError,
  describeRequest,
  recordExchanges,
  type ExchangeFailure,
  type ObserveProviderExchanges,
} from './exchanges.js';
export { SPOTIFY_IDS_LIMITS, SPOTIFY_SEARCH_PAGE_MAX } from './spotify-rules.js';
export { convertDiscoverySchemas } from './discovery-to-json-schema.js';
