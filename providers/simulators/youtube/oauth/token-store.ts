/**
 * What Google's authorization server remembers for the simulated user: authorization codes
 * (single-use, ten minutes), access tokens (one hour by default, expirable on demand from the
 * control API) and refresh tokens (until revoked). Google hands a refresh token out only the first
 * time a client gets offline access, or again when the user is sent through consent
 * (`prompt=consent`); `offlineClients` remembers which clients already hold one.
 */
import { randomBytes } from 'node:crypto';

export interface Grant {
  clientId: string;
  scopes: string[];
  userSub: string;
}

export interface AuthorizationCode extends Grant {
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  offline: boolean;
  forcedConsent: boolean;
  nonce?: string;
  expiresAt: number;
}

export interface AccessToken extends Grant {
  token: string;
  expiresAt: number;
  refreshToken?: string;
}

const CODE_LIFETIME_MS = 10 * 60_000;

function opaque(prefix: string, bytes: number): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export class GoogleTokenStore {
  private codes = new Map<string, AuthorizationCode>();
  private accessTokens = new Map<string, AccessToken>();
  private refreshTokens = new Map<string, Grant>();
  private offlineClients = new Set<string>();

  constructor(
    private readonly now: () => number,
    public accessTokenTtlSeconds = 3599,
  ) {}

  issueCode(code: Omit<AuthorizationCode, 'expiresAt'>): string {
    const value = opaque('4/0A', 54);
    this.codes.set(value, { ...code, expiresAt: this.now() + CODE_LIFETIME_MS });
    return value;
  }

  /** The code's grant, consumed: a code is good for one exchange, whatever its outcome. */
  takeCode(value: string): AuthorizationCode | undefined {
    const code = this.codes.get(value);
    this.codes.delete(value);
    return code && code.expiresAt > this.now() ? code : undefined;
  }

  issueAccessToken(grant: Grant, refreshToken?: string): AccessToken {
    const token: AccessToken = {
      ...grant,
      token: opaque('ya29.a0', 120),
      expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
      refreshToken,
    };
    this.accessTokens.set(token.token, token);
    return token;
  }

  /** A live access token, or undefined for unknown, expired and revoked ones. */
  findAccessToken(value: string): AccessToken | undefined {
    const token = this.accessTokens.get(value);
    return token && token.expiresAt > this.now() ? token : undefined;
  }

  /** A refresh token for an offline grant, when Google would hand one out this time. */
  maybeIssueRefreshToken(code: AuthorizationCode): string | undefined {
    if (!code.offline) return undefined;
    const key = `${code.userSub}|${code.clientId}`;
    if (this.offlineClients.has(key) && !code.forcedConsent) return undefined;
    this.offlineClients.add(key);
    const value = opaque('1//0', 72);
    this.refreshTokens.set(value, { clientId: code.clientId, scopes: code.scopes, userSub: code.userSub });
    return value;
  }

  findRefreshToken(value: string): Grant | undefined {
    return this.refreshTokens.get(value);
  }

  /** Revokes an access or refresh token; revoking a refresh token ends the access tokens it minted. */
  revoke(value: string): boolean {
    if (this.accessTokens.delete(value)) return true;
    if (!this.refreshTokens.delete(value)) return false;
    for (const [key, token] of this.accessTokens) if (token.refreshToken === value) this.accessTokens.delete(key);
    return true;
  }

  /** Every access token issued so far stops working now (refresh tokens keep working). */
  expireAccessTokens(): number {
    let expired = 0;
    for (const token of this.accessTokens.values()) {
      if (token.expiresAt > this.now()) expired++;
      token.expiresAt = Math.min(token.expiresAt, this.now());
    }
    return expired;
  }

  counts(): { activeAccessTokens: number; refreshTokens: number; pendingCodes: number } {
    const now = this.now();
    return {
      activeAccessTokens: [...this.accessTokens.values()].filter((t) => t.expiresAt > now).length,
      refreshTokens: this.refreshTokens.size,
      pendingCodes: [...this.codes.values()].filter((c) => c.expiresAt > now).length,
    };
  }

  clear(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.offlineClients.clear();
  }
}
