/**
 * For tests: a local HTTP server that stands in for a provider's OAuth and profile endpoints,
 * answering what the test scripts and keeping every request it saw.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body as a form (token requests). */
  form: Record<string, string>;
}

export interface ScriptedAnswer {
  status: number;
  /** JSON-encoded unless it is a string. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Drop the connection instead of answering. */
  hangUp?: boolean;
}

export interface ScriptedServer {
  url: string;
  seen: SeenRequest[];
  /** How the server answers from now on. */
  answer(script: (request: SeenRequest) => ScriptedAnswer): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const seen: SeenRequest[] = [];
  let script: (request: SeenRequest) => ScriptedAnswer = () => ({ status: 500 });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, form: Object.fromEntries(new URLSearchParams(body)) };
      seen.push(request);
      const reply = script(request);
      if (reply.hangUp) return void req.socket.destroy();
      setTimeout(() => {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answer: (next) => void (script = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
