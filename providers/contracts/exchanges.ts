/**
 * Contract checks over recorded traffic: `checkExchanges` routes each ProviderExchange to its
 * provider's request and response validators and returns the failures as readable lines
 * (`GET /v1/tracks?ids=… → 200: /tracks/0/album must have required property 'album_type'`);
 * `assertExchangesValid` throws with all of them; `recordExchanges` collects what the provider
 * clients report through `observeProviderExchanges`.
 */
import type { ProviderExchange } from './exchange.js';
import { validateRequest, validateResponse } from './validate.js';

/** Query values that must not reach test logs. */
const SECRET_PARAMS = new Set(['key', 'access_token', 'client_secret', 'code', 'code_verifier', 'refresh_token']);
const MAX_VALUE = 40;

/** `GET /v1/tracks?ids=…`: path and query, long values cut, secrets masked. */
export function describeRequest(method: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${method} ${url}`;
  }
  const query = [...parsed.searchParams]
    .map(([k, v]) => `${k}=${SECRET_PARAMS.has(k) ? '***' : v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v}`)
    .join('&');
  return `${method.toUpperCase()} ${parsed.pathname}${query ? `?${query}` : ''}`;
}

export interface ExchangeFailure {
  exchange: ProviderExchange;
  /** Lines prefixed with the request and, for response errors, the status. */
  errors: string[];
}

export function checkExchange(exchange: ProviderExchange): string[] {
  const label = describeRequest(exchange.method, exchange.url);
  const requestErrors = validateRequest(exchange.provider, {
    method: exchange.method,
    url: exchange.url,
    headers: exchange.requestHeaders,
    ...(exchange.requestBody !== undefined ? { body: exchange.requestBody } : {}),
  });
  const responseErrors = validateResponse(exchange.provider, {
    method: exchange.method,
    url: exchange.url,
    status: exchange.status,
    body: exchange.responseBody,
    headers: exchange.responseHeaders,
  });
  return [
    ...requestErrors.map((e) => `${exchange.provider}: ${label} (request): ${e}`),
    ...responseErrors.map((e) => `${exchange.provider}: ${label} → ${exchange.status}: ${e}`),
  ];
}

export function checkExchanges(exchanges: Iterable<ProviderExchange>): ExchangeFailure[] {
  const failures: ExchangeFailure[] = [];
  for (const exchange of exchanges) {
    const errors = checkExchange(exchange);
    if (errors.length > 0) failures.push({ exchange, errors });
  }
  return failures;
}

export class ContractViolationError extends Error {
  override name = 'ContractViolationError';
  constructor(readonly failures: ExchangeFailure[]) {
    const lines = failures.flatMap((f) => f.errors);
    super(`${failures.length} provider exchange(s) break their contract:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
  }
}

/** Throws a ContractViolationError listing every failure; returns the number of exchanges checked. */
export function assertExchangesValid(exchanges: Iterable<ProviderExchange>): number {
  const list = [...exchanges];
  const failures = checkExchanges(list);
  if (failures.length > 0) throw new ContractViolationError(failures);
  return list.length;
}

export type ObserveProviderExchanges = (listener: (exchange: ProviderExchange) => void) => () => void;

/**
 * Collects every exchange the provider clients report until `stop()`:
 * `const rec = recordExchanges(observeProviderExchanges); ...; rec.stop(); assertExchangesValid(rec.exchanges)`.
 */
export function recordExchanges(observe: ObserveProviderExchanges): { exchanges: ProviderExchange[]; stop: () => void } {
  const exchanges: ProviderExchange[] = [];
  const stop = observe((exchange) => exchanges.push(exchange));
  return { exchanges, stop };
}
