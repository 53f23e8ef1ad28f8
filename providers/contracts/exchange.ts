/**
 * The shapes the contract validators work on. `ProviderExchange` is what the provider clients
 * (providers/http) report for every call through `observeProviderExchanges`, so contract tests can
 * check real traffic against the providers' specs; the clients import the type from here so the two
 * sides cannot drift apart.
 */

/** Every external service a provider client talks to, one name per host/contract. */
export type ProviderName = 'spotify' | 'spotify-accounts' | 'youtube' | 'google-oauth' | 'genius' | 'odesli';

/** One request and its answer, as the client saw them on the wire. */
export interface ProviderExchange {
  provider: ProviderName;
  method: string;
  /** Absolute URL including the query string. */
  url: string;
  requestHeaders: Record<string, string>;
  /** Raw body as sent (form-encoded for token requests, JSON text otherwise). */
  requestBody?: string;
  status: number;
  responseHeaders: Record<string, string>;
  /** Parsed JSON when the answer was JSON; otherwise the text (or undefined for an empty body). */
  responseBody: unknown;
}

/** What `validateRequest` needs: a request as it would leave the process. */
export interface RequestSample {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What `validateResponse` needs; headers are optional and enable the header checks (Retry-After, Location). */
export interface ResponseSample {
  method: string;
  url: string;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
