/**
 * The edge and the trust between gateway and subgraphs: bad access tokens, forged identity,
 * direct calls to subgraphs, and queries that cost too much.
 */
import { SignJWT, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ME, errorCodes, graphql, register, stack } from '../harness/client.js';

async function signingKey(): Promise<JWK> {
  const url = new URL(stack().databaseUrl);
  url.pathname = `/${stack().env.DATABASE_NAME_PREFIX}users`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT private_jwk FROM signing_keys ORDER BY created_at LIMIT 1');
    return rows[0].private_jwk as JWK;
  } finally {
    await client.end();
  }
}

async function accessToken(key: JWK | CryptoKey, kid: string, claims: { sub: string; sid: string }, expiresAt: number) {
  const signingKey = 'kty' in key ? await importJWK(key, 'ES256') : key;
  return new SignJWT({ sid: claims.sid, roles: ['ADMIN'] })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer('supergraph-users')
    .setAudience('supergraph')
    .setSubject(claims.sub)
    .setIssuedAt(expiresAt - 900)
    .setExpirationTime(expiresAt)
    .sign(signingKey);
}

const now = () => Math.floor(Date.now() / 1000);

describe('access tokens', () => {
  it('rejects an expired token signed with the real key', async () => {
    const user = await register();
    const key = await signingKey();
    const expired = await accessToken(key, key.kid!, { sub: user.user.id, sid: user.session.id }, now() - 60);
    const response = await graphql(ME, {}, { token: expired });
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.extensions?.reason).toBe('TOKEN_EXPIRED');
    // The same claims, unexpired, work: the rejection was the expiry.
    const fresh = await accessToken(key, key.kid!, { sub: user.user.id, sid: user.session.id }, now() + 60);
    expect((await graphql(ME, {}, { token: fresh })).data?.me.id).toBe(user.user.id);
  });

  it('rejects a token signed with another key under the real key id', async () => {
    const user = await register();
    const real = await signingKey();
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await accessToken(privateKey, real.kid!, { sub: user.user.id, sid: user.session.id }, now() + 600);
    const response = await graphql(ME, {}, { token: forged });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.extensions?.reason).toBe('INVALID_TOKEN');
    expect(response.data ?? null).toBeNull();
  });

  it('rejects a token with alg none and tampered claims', async () => {
    const user = await register();
    const [header, payload, signature] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, roles: ['ADMIN'] })).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    for (const token of [`${header}.${tampered}.${signature}`, `${none}.${payload}.`]) {
      expect(errorCodes(await graphql(ME, {}, { token }))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('rejects malformed Authorization headers', async () => {
    for (const authorization of ['Bearer', 'Bearer not.a.jwt', 'Basic dXNlcjpwYXNz', 'Bearer a b', `Bearer ${'x'.repeat(3000)}`]) {
      const response = await graphql(ME, {}, { headers: { authorization } });
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.status).toBe(401);
    }
  });

  it('serves the public keys as a JWKS without private parts', async () => {
    const jwks = (await (await fetch(new URL('/.well-known/jwks.json', stack().subgraphUrls.users))).json()) as { keys: JWK[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    await exportJWK((await generateKeyPair('ES256')).publicKey); // jose is what verifies these at the gateway
  });
});

describe('identity between gateway and subgraphs', () => {
  const ENTITY_QUERY = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id email sessions { id } } } }';

  it('ignores a forged x-user-id header at the gateway', async () => {
    const victim = await register();
    const response = await graphql(ME, {}, { headers: { 'x-user-id': victim.user.id, 'x-identity-token': 'forged' } });
    expect(response.data?.me).toBeNull();
  });

  it('gives a direct call to a subgraph no identity, even with x-user-id', async () => {
    const victim = await register();
    const response = await graphql(ME, {}, { url: stack().subgraphUrls.users, headers: { 'x-user-id': victim.user.id } });
    expect(response.data?.me ?? null).toBeNull();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('returns nothing for a direct _entities call to a subgraph', async () => {
    const victim = await register();
    const reps = [{ __typename: 'User', id: victim.user.id }];
    const direct = await graphql(ENTITY_QUERY, { reps }, { url: stack().subgraphUrls.users, headers: { 'x-user-id': victim.user.id } });
    expect(direct.data?._entities?.[0]?.email ?? null).toBeNull();
    expect(direct.data?._entities?.[0]?.sessions ?? null).toBeNull();
    expect(errorCodes(direct)).toContain('UNAUTHENTICATED');
    // The same for what every other subgraph adds to User.
    const privateFields = { library: 'playlists { nodes { id } }', streaming: 'devices { id }', analytics: 'listeningStats { totalListens }' };
    for (const [name, field] of Object.entries(privateFields) as [keyof typeof privateFields, string][]) {
      const other = await graphql(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id ${field} } } }`,
        { reps },
        { url: stack().subgraphUrls[name], headers: { 'x-user-id': victim.user.id } },
      );
      expect(other.data?._entities?.[0] ?? null, name).toBeNull();
      expect(['UNAUTHENTICATED', 'FORBIDDEN'], name).toContain(errorCodes(other)[0]);
    }
  });

  it('rejects an identity token signed with the wrong secret', async () => {
    const victim = await register();
    const forged = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('supergraph-gateway')
      .setAudience('supergraph-subgraphs')
      .setSubject(victim.user.id)
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('a-guessed-secret-that-is-long-enough-0000'));
    const response = await graphql(ME, {}, { url: stack().subgraphUrls.users, headers: { 'x-identity-token': forged } });
    expect(response.data?.me ?? null).toBeNull();
  });
});

describe('outside development', () => {
  it('refuses introspection at the gateway and at subgraphs', async () => {
    for (const url of [stack().gatewayUrl, stack().subgraphUrls.users]) {
      const response = await graphql('query { __schema { types { name } } }', {}, { url });
      expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(response.data ?? null).toBeNull();
    }
  });

  it('serves no landing page', async () => {
    const response = await fetch(stack().gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/<html/i);
  });

  it('sends no stack traces or internal details with errors', async () => {
    const responses = [
      await graphql('mutation { login(input: { email: "x@test.example", password: "" }) { accessToken } }'),
      await graphql('query { nope }'),
      await graphql(ME, {}, { token: 'not.a.jwt' }),
    ];
    for (const response of responses) {
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors!) {
        expect(error.extensions).not.toHaveProperty('stacktrace');
        expect(error.extensions).not.toHaveProperty('exception');
      }
    }
  });
});

describe('request limits at the edge', () => {
  it('rejects a too deep query', async () => {
    // User.playlists → Playlist.owner → User ... is a cycle a client can nest without end.
    const nest = (levels: number): string => (levels === 0 ? 'id' : `playlists { nodes { owner { ${nest(levels - 1)} } } }`);
    const user = await register();
    const shallow = await graphql(`query { me { ${nest(2)} } }`, {}, { token: user.accessToken });
    expect(shallow.errors).toBeUndefined();
    const response = await graphql(`query { me { ${nest(6)} } }`, {}, { token: user.accessToken });
    expect(errorCodes(response)).toContain('QUERY_TOO_COMPLEX');
    expect(response.data ?? null).toBeNull();
  });

  it('rejects a too wide (alias-bomb) query', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: me { id }`).join(' ');
    const response = await graphql(`query { ${aliases} }`);
    expect(errorCodes(response)).toContain('QUERY_TOO_COMPLEX');
  });

  it('rejects a too wide query by its cost (fragment spreads repeated under the alias limit)', async () => {
    const user = await register();
    const fields = 'id name description isPublic version createdAt updatedAt';
    const fragment = `fragment P on Playlist { ${fields} owner { id displayName playlists { nodes { ${fields} } } } }`;
    const spreads = (n: number) => `query { me { playlists { nodes { ${Array.from({ length: n }, () => '...P').join(' ')} } } } } ${fragment}`;
    expect((await graphql(spreads(2), {}, { token: user.accessToken })).errors).toBeUndefined();
    const response = await graphql(spreads(100), {}, { token: user.accessToken });
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors?.[0]?.message).toMatch(/Cost/);
  });

  it('rejects a query with too many tokens', async () => {
    const fields = Array.from({ length: 2500 }, () => '__typename').join(' ');
    const response = await graphql(`query { ${fields} }`);
    expect(errorCodes(response)).toContain('QUERY_TOO_COMPLEX');
  });

  it('rejects too many directives', async () => {
    const directives = Array.from({ length: 30 }, () => '@include(if: true)').join(' ');
    const response = await graphql(`query { me ${directives} { id } }`);
    expect(errorCodes(response)).toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses HTTP batching', async () => {
    const response = await fetch(stack().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('refuses a simple cross-site request (CSRF prevention)', async () => {
    const response = await fetch(`${stack().gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    const preflighted = await fetch(`${stack().gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('rejects an oversized body with a GraphQL error', async () => {
    const response = await graphql(`query { me { id } } # ${'x'.repeat(200_000)}`);
    expect(response.status).toBe(413);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});
