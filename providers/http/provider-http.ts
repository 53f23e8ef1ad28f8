/**
 * The one way any client talks HTTP to a provider: a cockatiel pipeline per provider of
 *   retry (jittered exponential backoff; `Retry-After` honoured exactly; 429, 5xx, network errors and
 *   timeouts only, never another 4xx) → circuit breaker (consecutive failures open it) → bulkhead
 *   (bounded concurrency and queue, so one slow provider cannot pile up work) → timeout per attempt,
 * plus response validation (zod), metrics, and exchange recording for the contract tests.
 *
 * Provider-specific meaning (Spotify's QUOTA_EXCEEDED 429, YouTube's 403 quotaExceeded, 401 → new
 * token) is the client's: it passes `interpret`, which sees every answer before the generic rules.
 */
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { z } from 'zod';
import { config } from '../../platform/config.js';
import { logger } from '../../platform/logger.js';
import { providerBreakerOpen, providerBreakerState, providerCalls, providerFailures, providerLatency, providerRetries } from '../metrics.js';
import { exchangesObserved, publishExchange } from './exchanges.js';
import { ProviderRejection, ProviderUnavailableError, RetryableProviderResponse, type ProviderName } from './errors.js';

export interface ResilienceOptions {
  timeoutMs: number;
  maxRetries: number;
  /** A 429 asking for a longer wait than this is not retried: the caller gets RATE_LIMITED at once. */
  maxRetryAfterMs: number;
  breakerFailures: number;
  halfOpenAfterMs: number;
  concurrency: number;
  queue: number;
  /** First backoff step; doubles per attempt, with ±50 % jitter, capped at 10 s. */
  backoffBaseMs: number;
}

export function resilienceFromConfig(): ResilienceOptions {
  const c = config();
  return {
    timeoutMs: c.PROVIDER_TIMEOUT_MS,
    maxRetries: c.PROVIDER_MAX_RETRIES,
    maxRetryAfterMs: c.PROVIDER_MAX_RETRY_AFTER_SECONDS * 1000,
    breakerFailures: c.PROVIDER_BREAKER_FAILURES,
    halfOpenAfterMs: c.PROVIDER_BREAKER_HALF_OPEN_MS,
    concurrency: c.PROVIDER_CONCURRENCY,
    queue: c.PROVIDER_QUEUE,
    backoffBaseMs: 200,
  };
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

export interface ProviderRequest<T> {
  /** Metric label and log name: the endpoint template, e.g. `GET /tracks`. */
  endpoint: string;
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The documented shape of a 2xx body; anything else is MALFORMED_RESPONSE. */
  schema: z.ZodType<T>;
  /** Sees every answer first: throw a provider-specific error, or return nothing for the generic rules. */
  interpret?: (response: ProviderResponse) => void | Promise<void>;
}

export class ProviderHttp {
  private readonly pipeline: IPolicy;
  private readonly breaker;
  private readonly log;

  constructor(
    readonly provider: ProviderName,
    private readonly options: ResilienceOptions = resilienceFromConfig(),
  ) {
    this.log = logger().child({ provider });
    const { maxRetryAfterMs } = options;
    const retryable = (error: Error) =>
      (error instanceof RetryableProviderResponse && (error.retryAfterMs ?? 0) <= maxRetryAfterMs) ||
      error instanceof TaskCancelledError ||
      isNetworkError(error);
    const retryPolicy = retry(handleWhen(retryable), {
      maxAttempts: options.maxRetries,
      backoff: new DelegateBackoff((context) => {
        const error = 'error' in context.result ? context.result.error : undefined;
        if (error instanceof RetryableProviderResponse && error.retryAfterMs !== undefined) return error.retryAfterMs;
        const exponential = Math.min(options.backoffBaseMs * 2 ** (context.attempt - 1), 10_000);
        return Math.round(exponential * (0.5 + Math.random()));
      }),
    });
    retryPolicy.onRetry(() => providerRetries.inc({ provider }));

    // 429 is the provider pacing us, not failing: it does not count towards opening the circuit.
    const failure = (error: Error) =>
      (error instanceof RetryableProviderResponse && error.status >= 500) ||
      error instanceof TaskCancelledError ||
      isNetworkError(error) ||
      (error instanceof ProviderUnavailableError && error.reason === 'MALFORMED_RESPONSE');
    this.breaker = circuitBreaker(handleWhen(failure), {
      halfOpenAfter: options.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerFailures),
    });
    this.breaker.onStateChange((state) => {
      providerBreakerOpen.set({ provider }, state === CircuitState.Open ? 1 : 0);
      providerBreakerState.set({ provider }, state);
      this.log.warn({ state: CircuitState[state] }, 'circuit breaker changed state');
    });
    providerBreakerOpen.set({ provider }, 0);
    providerBreakerState.set({ provider }, CircuitState.Closed);

    this.pipeline = wrap(
      retryPolicy,
      this.breaker,
      bulkhead(options.concurrency, options.queue),
      timeout(options.timeoutMs, TimeoutStrategy.Aggressive),
    );
  }

  get circuitOpen(): boolean {
    return this.breaker.state === CircuitState.Open;
  }

  async request<T>(request: ProviderRequest<T>): Promise<T> {
    try {
      // A signal of its own: without one cockatiel hangs every call's listener on one shared signal.
      return await this.pipeline.execute(({ signal }) => this.attempt(request, signal), new AbortController().signal);
    } catch (error) {
      const final = this.final(error, request.endpoint);
      if (final instanceof ProviderUnavailableError) providerFailures.inc({ provider: this.provider, reason: final.reason });
      throw final;
    }
  }

  /** One HTTP attempt: send, record, classify. */
  private async attempt<T>(request: ProviderRequest<T>, signal: AbortSignal): Promise<T> {
    const { provider } = this;
    const stopTimer = providerLatency.startTimer({ provider, endpoint: request.endpoint });
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method ?? 'GET', headers: request.headers, body: request.body, signal });
    } catch (error) {
      providerCalls.inc({ provider, endpoint: request.endpoint, outcome: signal.aborted ? 'timeout' : 'network_error' });
      throw error;
    }
    const text = await response.text();
    stopTimer();
    providerCalls.inc({ provider, endpoint: request.endpoint, outcome: String(response.status) });
    const body = parseBody(text);
    if (exchangesObserved()) {
      publishExchange({
        provider,
        method: request.method ?? 'GET',
        url: request.url.toString(),
        requestHeaders: request.headers ?? {},
        requestBody: request.body,
        status: response.status,
        responseHeaders: Object.fromEntries(response.headers),
        responseBody: body,
      });
    }

    const answer: ProviderResponse = { status: response.status, headers: response.headers, body };
    await request.interpret?.(answer);
    if (response.ok) {
      const parsed = request.schema.safeParse(body);
      if (parsed.success) return parsed.data;
      this.log.warn({ endpoint: request.endpoint, issues: parsed.error.issues.slice(0, 5) }, 'malformed provider response');
      throw new ProviderUnavailableError(provider, 'MALFORMED_RESPONSE', `unexpected answer from ${request.endpoint}`);
    }
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableProviderResponse(response.status, retryAfterMs(response.headers));
    }
    throw new ProviderRejection(provider, response.status, body);
  }

  /** What the caller sees once the pipeline has given up. */
  private final(error: unknown, endpoint: string): unknown {
    const { provider } = this;
    if (error instanceof BrokenCircuitError) return new ProviderUnavailableError(provider, 'CIRCUIT_OPEN', 'too many recent failures');
    if (error instanceof BulkheadRejectedError) return new ProviderUnavailableError(provider, 'OVERLOADED');
    if (error instanceof TaskCancelledError) return new ProviderUnavailableError(provider, 'TIMEOUT');
    if (error instanceof RetryableProviderResponse) {
      if (error.status === 429) {
        const retryAfterSeconds = Math.ceil((error.retryAfterMs ?? 0) / 1000) || undefined;
        return new ProviderUnavailableError(provider, 'RATE_LIMITED', 'rate limited', retryAfterSeconds ? { retryAfterSeconds } : {});
      }
      return new ProviderUnavailableError(provider, 'SERVER_ERROR', `${endpoint} answered ${error.status}`);
    }
    if (isNetworkError(error)) return new ProviderUnavailableError(provider, 'NETWORK_ERROR');
    return error;
  }
}

/** `Retry-After` is seconds (Spotify, YouTube) or an HTTP date (allowed by RFC 9110). */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// undici rejects with a TypeError ("fetch failed") for refused connections, resets and DNS failures.
const isNetworkError = (error: unknown): boolean => error instanceof TypeError && error.message === 'fetch failed';
