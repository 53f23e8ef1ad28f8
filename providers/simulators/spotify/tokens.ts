/**
 * The accounts service's memory: access tokens (an app's from client credentials, or a simulated
 * user's from the authorization-code flow), refresh tokens, and authorization codes waiting to be
 * exchanged (single use, ten minutes, bound to their redirect URI and PKCE challenge).
 * Expiry runs on the simulated clock, so tests can expire tokens by moving time or all at once.
 */
import { createHash, randomBytes } from 'node:crypto';

export type GrantType = 'client_credentials' | 'authorization_code' | 'refresh_token';

export interface AccessToken {
  token: string;
  /** null for an app token (client credentials). */
  userId: string | null;
  scopes: string[];
  expiresAt: number;
}

interface RefreshToken {
  userId: string;
  scopes: string[];
  clientId: string;
}

interface AuthorizationCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60 * 1000;

const randomToken = (prefix: string, bytes: number): string => prefix + randomBytes(bytes).toString('base64url');

/** PKCE S256: base64url(sha256(verifier)). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private issued: Record<GrantType, number> = { client_credentials: 0, authorization_code: 0, refresh_token: 0 };

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: () => number,
  ) {}

  issueAccess(grant: GrantType, userId: string | null, scopes: string[]): AccessToken {
    const token: AccessToken = { token: randomToken('BQ', 96), userId, scopes, expiresAt: this.now() + this.ttlSeconds() * 1000 };
    this.access.set(token.token, token);
    this.issued[grant] += 1;
    return token;
  }

  issueRefresh(userId: string, scopes: string[], clientId: string): string {
    const token = randomToken('AQ', 96);
    this.refresh.set(token, { userId, scopes, clientId });
    return token;
  }

  /** The token, 'expired', or 'unknown'. */
  check(token: string): AccessToken | 'expired' | 'unknown' {
    const found = this.access.get(token);
    if (!found) return 'unknown';
    return found.expiresAt <= this.now() ? 'expired' : found;
  }

  refreshGrant(token: string): RefreshToken | undefined {
    return this.refresh.get(token);
  }

  createCode(code: Omit<AuthorizationCode, 'expiresAt'>): string {
    const value = randomToken('AQ', 64);
    this.codes.set(value, { ...code, expiresAt: this.now() + CODE_TTL_MS });
    return value;
  }

  /** A code is single use: taking it removes it, whether the exchange then succeeds or not. */
  takeCode(value: string): AuthorizationCode | 'expired' | undefined {
    const code = this.codes.get(value);
    if (!code) return undefined;
    this.codes.delete(value);
    return code.expiresAt <= this.now() ? 'expired' : code;
  }

  /** Every access token issued so far expires now (refresh tokens stay valid). */
  expireAll(): number {
    const now = this.now();
    for (const token of this.access.values()) token.expiresAt = Math.min(token.expiresAt, now);
    return this.access.size;
  }

  stats() {
    const now = this.now();
    let active = 0;
    for (const token of this.access.values()) if (token.expiresAt > now) active++;
    return { tokensIssued: { ...this.issued }, activeAccessTokens: active, refreshTokens: this.refresh.size, pendingAuthorizationCodes: this.codes.size };
  }

  reset(): void {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
    this.issued = { client_credentials: 0, authorization_code: 0, refresh_token: 0 };
  }
}
