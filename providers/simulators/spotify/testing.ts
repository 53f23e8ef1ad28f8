/**
 * Test support for the Spotify simulator tests: runs it on a fixed local port through the real
 * framework, and obtains app and user tokens the way clients do (client credentials; the PKCE
 * authorization-code flow with an auto-consenting simulated user).
 */
import { createHash, randomBytes } from 'node:crypto';
import { generateCatalogue } from '../catalogue/generate.js';
import type { SimCatalogue } from '../catalogue/types.js';
import { createSimulatorServer, type SimulatorServer } from '../framework/server.js';
import { createWorld } from '../framework/world.js';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, spotifySimulator } from './index.js';

export const REDIRECT_URI = 'http://127.0.0.1:4000/account-link/callback';
export const BASIC = `Basic ${Buffer.from(`${DEFAULT_CLIENT_ID}:${DEFAULT_CLIENT_SECRET}`).toString('base64')}`;

// Answers are JSON the tests navigate freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface SpotifyUnderTest {
  server: SimulatorServer;
  catalogue: SimCatalogue;
  base: string;
  api: string;
  /** JSON (or text) answer of a request to the simulator. */
  call(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Json }>;
  form(path: string, fields: Record<string, string>, headers?: Record<string, string>): ReturnType<SpotifyUnderTest['call']>;
  appToken(): Promise<string>;
  /** A user token through /authorize + /api/token, for `user` with `scopes`. */
  userToken(user?: string, scopes?: string[]): Promise<{ access_token: string; refresh_token: string; scope: string; expires_in: number }>;
  stop(): Promise<void>;
}

let shared: SimCatalogue | undefined;
/** One small world per test process: the Spotify tests need variety, not size. */
export const testCatalogue = (): SimCatalogue => (shared ??= generateCatalogue({ seed: 5, tracks: 2_500, artists: 200 }));

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function startSpotify(port: number): Promise<SpotifyUnderTest> {
  const catalogue = testCatalogue();
  const { world, clock } = createWorld(catalogue);
  const server = createSimulatorServer(spotifySimulator(world), world, clock);
  await server.listen(port);
  const base = server.url;

  const call: SpotifyUnderTest['call'] = async (path, init) => {
    const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // redirects and empty answers stay text
    }
    return { status: response.status, headers: response.headers, body };
  };
  const form: SpotifyUnderTest['form'] = (path, fields, headers = {}) =>
    call(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });

  return {
    server, catalogue, base, api: `${base}/v1`, call, form,
    appToken: async () => (await form('/api/token', { grant_type: 'client_credentials' }, { authorization: BASIC })).body.access_token,
    userToken: async (user = 'simulator-user', scopes = ['user-library-read', 'playlist-read-private', 'user-read-email']) => {
      const { verifier, challenge } = pkce();
      const query = new URLSearchParams({ client_id: DEFAULT_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, state: 's1', scope: scopes.join(' '), code_challenge_method: 'S256', code_challenge: challenge, sim_user: user });
      const consent = await call(`/authorize?${query}`);
      const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
      return (await form('/api/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: DEFAULT_CLIENT_ID, code_verifier: verifier })).body;
    },
    stop: () => server.stop(),
  };
}

export const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });
