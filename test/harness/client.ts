/** A GraphQL client for tests: plain fetch against the real gateway (or a subgraph) over HTTP. */
import { inject } from 'vitest';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export const stack = () => inject('stack');

export async function graphql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string>; url?: string } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(options.url ?? stack().gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The codes of a response's errors, for compact assertions. */
export const errorCodes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);

let counter = 0;
/** A unique address per call, so tests never collide on accounts or throttling. */
export const uniqueEmail = (label = 'listener') =>
  `${label}.${process.pid}.${Date.now().toString(36)}.${counter++}@test.example`;

/** A fake client address; the test gateway trusts X-Forwarded-For from loopback. */
export const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });
let ipCounter = 0;
export const uniqueIp = () => `198.51.${(process.pid + ipCounter) % 250}.${(ipCounter++ % 250) + 1}`;

const AUTH_FIELDS = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email role } session { id deviceName }';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: string };
  session: { id: string; deviceName: string };
}

export async function register(options: { email?: string; password?: string; deviceName?: string; url?: string } = {}) {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? 'Correct-horse-9-battery';
  const response = await graphql<{ register: SignedIn }>(
    `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { email, password, displayName: 'Test Listener', deviceName: options.deviceName ?? 'Test phone' } },
    { headers: fromIp(uniqueIp()), url: options.url },
  );
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return { ...response.data.register, email, password };
}

export async function login(email: string, password: string, options: { ip?: string; deviceName?: string } = {}) {
  return graphql<{ login: SignedIn }>(
    `mutation ($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`,
    { input: { email, password, deviceName: options.deviceName ?? 'Test laptop' } },
    { headers: fromIp(options.ip ?? uniqueIp()) },
  );
}

export async function refresh(refreshToken: string) {
  return graphql<{ refreshSession: SignedIn }>(
    `mutation ($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_FIELDS} } }`,
    { token: refreshToken },
  );
}

export const ME = 'query { me { id email displayName role active } }';
