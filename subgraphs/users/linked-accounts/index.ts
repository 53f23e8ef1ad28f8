/** Linked Spotify and Google accounts: the linking flow, and their access tokens for work done on the user's behalf. */
export { createAccountLinking, type AccountLinking, type AccountLinkStart } from './account-linking.js';
export { REFRESH_MARGIN_MS, accountNeedsConsent, accountNotLinked, createLinkedAccountTokens, type LinkedAccountTokens } from './linked-account-tokens.js';
