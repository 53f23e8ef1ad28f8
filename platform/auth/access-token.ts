/** The access-token contract between users (which signs) and the gateway (which verifies). */
export const ACCESS_TOKEN_ISSUER = 'supergraph-users';
export const ACCESS_TOKEN_AUDIENCE = 'supergraph';
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const JWKS_PATH = '/.well-known/jwks.json';
