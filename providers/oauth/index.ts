/** OAuth 2.0 account linking with Spotify and Google: PKCE, the consent URL, the token endpoint, the external account's identity. */
export { authorizeUrl, type AuthorizeParams } from './authorize.js';
export { InvalidGrantError, PROVIDER_DISPLAY_NAMES } from './errors.js';
export { fetchExternalAccount, type ExternalAccount } from './external-account.js';
export { codeChallengeOf, createPkcePair, type PkcePair } from './pkce.js';
export type { OAuthProvider } from './providers.js';
export { exchangeCode, refreshAccessToken, type CodeExchange, type LinkTokens, type OAuthTokens } from './tokens.js';
