/**
 * An app access token (Spotify client credentials) held in memory and renewed a minute before it
 * expires. However many callers ask at once, one token request is in flight: they all await it.
 * A token the API refused (401) is dropped, and the next caller fetches a new one, once.
 */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export class CachedAccessToken {
  private current: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly renewBeforeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.current.expiresAt - this.renewBeforeMs > this.now()) return this.current.token;
    this.pending ??= this.issue()
      .then(({ accessToken, expiresInSeconds }) => {
        this.current = { token: accessToken, expiresAt: this.now() + expiresInSeconds * 1000 };
        return accessToken;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The API refused `token`: forget it, unless another caller already replaced it. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }
}
