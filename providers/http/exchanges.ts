/**
 * Every request a provider client sends and the answer it got, offered to whoever listens: the
 * contract tests check both against the real APIs' specs. Nothing is built when nobody listens.
 */
import type { ProviderExchange } from '../contracts/exchange.js';

export type { ProviderExchange };

const listeners = new Set<(exchange: ProviderExchange) => void>();

/** Calls `listener` with every exchange from now on; returns the function that stops it. */
export function observeProviderExchanges(listener: (exchange: ProviderExchange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const exchangesObserved = (): boolean => listeners.size > 0;

export function publishExchange(exchange: ProviderExchange): void {
  for (const listener of listeners) listener(exchange);
}
