/**
 * Injected faults: a queue of answers to give instead of (or before) the provider's own, consumed
 * in order by the requests they select. A fault can answer a status with the provider's error
 * body, a body of its own (a wrong shape), `"malformed"` (a body that is not JSON), add latency,
 * or drop the connection.
 */
import { z } from 'zod';
import { endpointSelects } from './endpoints.js';

export const faultSchema = z.object({
  /** "GET /v1/tracks/{id}", "GET /v1/tracks" (a prefix: also selects /v1/tracks/{id}), "/youtube/v3/search"; absent: every request. */
  endpoint: z.string().min(1).optional(),
  match: z.enum(['prefix', 'exact']).default('prefix'),
  status: z.number().int().min(100).max(599).optional(),
  /** Sent as the Retry-After header (seconds); a 429 without it gets 1; null sends none. */
  retryAfterSeconds: z.number().int().min(0).nullable().optional(),
  /** The JSON body to answer, or "malformed" for a truncated, invalid JSON body. */
  body: z.unknown().optional(),
  /** Waits this long first; with no status, body or disconnect the provider then answers normally. */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  times: z.number().int().min(1).default(1),
  /** Put into the provider's error body: Spotify `reason`, YouTube `errors[].reason`. */
  reason: z.string().optional(),
  message: z.string().optional(),
  /** Destroys the socket without an answer (the client sees a reset connection). */
  disconnect: z.boolean().optional(),
});

export type Fault = z.infer<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

/** What one request draws from the queue. */
export type DrawnFault = Omit<Fault, 'times'>;

export class FaultQueue {
  private readonly queue: Fault[] = [];

  add(faults: readonly FaultInput[]): void {
    for (const fault of faults) this.queue.push(faultSchema.parse(fault));
  }

  /** The first fault selecting this request, one use of it spent. */
  take(method: string, endpointKey: string | null, path: string): DrawnFault | null {
    const index = this.queue.findIndex((f) => endpointSelects(f.endpoint, f.match, method, endpointKey, path));
    if (index < 0) return null;
    const fault = this.queue[index]!;
    fault.times -= 1;
    if (fault.times === 0) this.queue.splice(index, 1);
    const { times: _times, ...drawn } = fault;
    return drawn;
  }

  pending(): Fault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue.length = 0;
  }
}
