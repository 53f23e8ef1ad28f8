/**
 * Access tokens: short-lived ES256 JWTs with a key id. The public keys are served as a JWKS at
 * `/.well-known/jwks.json` for the gateway. The signing key comes from ACCESS_TOKEN_SIGNING_KEY,
 * or, in development, is generated once and kept in the users database so every replica and every
 * restart signs with the same key.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import type { DataSource } from 'typeorm';
import { config } from '../../../platform/config.js';
import type { Role } from '../../../platform/identity.js';
import {
  ACCESS_TOKEN_ALGORITHM as ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
} from '../../../platform/auth/access-token.js';
import { SigningKeyEntity } from '../store/entities.js';

export interface AccessTokenSigner {
  sign(claims: { userId: string; sessionId: string; role: Role }): Promise<{ token: string; expiresAt: Date }>;
  jwks(): { keys: JWK[] };
}

async function loadOrCreateKey(dataSource: DataSource): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
  const configured = config().ACCESS_TOKEN_SIGNING_KEY;
  if (configured) {
    const privateJwk = JSON.parse(configured) as JWK;
    const { d: _private, ...publicJwk } = privateJwk;
    return { kid: privateJwk.kid ?? 'configured', privateJwk, publicJwk };
  }
  const repository = dataSource.getRepository(SigningKeyEntity);
  const existing = await repository.findOne({ where: {}, order: { createdAt: 'DESC' } });
  if (existing) {
    return { kid: existing.kid, privateJwk: existing.privateJwk as JWK, publicJwk: existing.publicJwk as JWK };
  }
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' };
  // Two replicas starting at once may both generate: the first insert wins and both use it.
  await repository.createQueryBuilder().insert().values({ kid, privateJwk, publicJwk }).orIgnore().execute();
  const chosen = await repository.findOneOrFail({ where: {}, order: { createdAt: 'ASC' } });
  return { kid: chosen.kid, privateJwk: chosen.privateJwk as JWK, publicJwk: chosen.publicJwk as JWK };
}

export async function createAccessTokenSigner(dataSource: DataSource): Promise<AccessTokenSigner> {
  const { kid, privateJwk, publicJwk } = await loadOrCreateKey(dataSource);
  const key = (await importJWK(privateJwk, ALGORITHM)) as CryptoKey;
  const ttl = config().ACCESS_TOKEN_TTL_SECONDS;
  return {
    async sign({ userId, sessionId, role }) {
      const expiresAt = new Date(Date.now() + ttl * 1000);
      const token = await new SignJWT({ sid: sessionId, roles: [role] })
        .setProtectedHeader({ alg: ALGORITHM, kid, typ: 'at+jwt' })
        .setIssuer(ACCESS_TOKEN_ISSUER)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    jwks: () => ({ keys: [{ ...publicJwk, kid, alg: ALGORITHM, use: 'sig' }] }),
  };
}
