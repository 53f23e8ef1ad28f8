/**
 * Test support for the YouTube, Genius and Odesli simulator tests: runs one provider module on a
 * fixed local port exactly as the framework mounts it (its router at the root, its control routes
 * under /_simulator/<name>/), with a clock the test moves, and a small fetch helper.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import type { ProviderSimulatorFactory, ProviderSimulatorModule } from '../kit.js';
import type { SimCatalogue } from '../catalogue/types.js';

// Answers are arbitrary JSON that tests navigate freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

export interface RunningSimulator {
  module: ProviderSimulatorModule;
  baseUrl: string;
  clock: { now: number; advance(ms: number): void };
  get(path: string, init?: RequestInit): Promise<Answer>;
  post(path: string, body: unknown, type?: 'json' | 'form'): Promise<Answer>;
  close(): Promise<void>;
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML pages and empty bodies stay text
  }
  return { status: response.status, headers: response.headers, body };
}

export async function startSimulator(
  factory: ProviderSimulatorFactory,
  catalogue: SimCatalogue,
  port: number,
  startAt = Date.parse('2026-07-01T12:00:00Z'),
): Promise<RunningSimulator> {
  const clock = {
    now: startAt,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const module = factory({ catalogue, now: () => clock.now });
  const app = express();
  app.use(module.router);
  if (module.control) app.use(`/_simulator/${module.name}`, module.control);
  const server: Server = app.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    module,
    baseUrl,
    clock,
    get: async (path, init) => read(await fetch(`${baseUrl}${path}`, { redirect: 'manual', ...init })),
    post: async (path, body, type = 'json') =>
      read(
        await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
          body: type === 'json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
        }),
      ),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
