/**
 * Sessions are refresh-token families: signing in starts one, every refresh rotates its token, and
 * presenting a token that was already exchanged ends the whole family (it was stolen, or the client
 * is broken; either way nobody should keep using it). Ending a session is published to Redis so the
 * gateway refuses its still-unexpired access tokens at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { markSessionsEnded } from '../../../platform/auth/revocations.js';
import { config } from '../../../platform/config.js';
import { unauthenticated } from '../../../platform/errors.js';
import type { AccessTokenSigner } from './access-tokens.js';
import { RefreshTokenEntity, SessionEntity, UserEntity, type SessionRecord, type UserRecord } from '../store/entities.js';

export interface ClientInfo {
  deviceName: string;
  ip?: string;
  userAgent?: string;
}

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserRecord;
  session: SessionRecord;
}

export type EndReason = 'logout' | 'revoked' | 'refresh-token-reuse' | 'user-deactivated' | 'account-deletion';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newRefreshToken = () => randomBytes(32).toString('base64url');
// Bounded so a client cannot fill the table with huge user agents.
const clip = (value: string | undefined, max: number) => (value ? value.slice(0, max) : null);

export function createSessionService(dataSource: DataSource, redis: Redis, signer: AccessTokenSigner) {
  const sessions = dataSource.getRepository(SessionEntity);
  const lifetimeMs = () => config().REFRESH_TOKEN_TTL_SECONDS * 1000;

  async function issue(user: UserRecord, session: SessionRecord, refreshToken: string): Promise<IssuedSession> {
    const access = await signer.sign({ userId: user.id, sessionId: session.id, role: user.role });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt,
      user,
      session,
    };
  }

  async function endSessions(ids: string[], reason: EndReason): Promise<void> {
    if (!ids.length) return;
    await sessions
      .createQueryBuilder()
      .update()
      .set({ endedAt: () => 'now()', endReason: reason })
      .where('id IN (:...ids) AND ended_at IS NULL', { ids })
      .execute();
    await markSessionsEnded(redis, ids);
  }

  return {
    /** Signs a user in on a device: a new session with its first refresh token. */
    async start(user: UserRecord, client: ClientInfo): Promise<IssuedSession> {
      const refreshToken = newRefreshToken();
      const session = await dataSource.transaction(async (tx) => {
        const now = new Date();
        const created = await tx.getRepository(SessionEntity).save({
          userId: user.id,
          deviceName: client.deviceName,
          ip: clip(client.ip, 64),
          userAgent: clip(client.userAgent, 512),
          lastActiveAt: now,
          expiresAt: new Date(now.getTime() + lifetimeMs()),
        });
        await tx.getRepository(RefreshTokenEntity).insert({ sessionId: created.id, tokenHash: hashToken(refreshToken) });
        return created;
      });
      return issue(user, session, refreshToken);
    },

    /** Exchanges a refresh token for new tokens; a reused token ends its session. */
    async refresh(refreshToken: string, client: Omit<ClientInfo, 'deviceName'>): Promise<IssuedSession> {
      const invalid = () => unauthenticated('Invalid or expired refresh token');
      const stored = await dataSource.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: hashToken(refreshToken) });
      if (!stored) throw invalid();

      const next = newRefreshToken();
      const outcome = await dataSource.transaction(async (tx) => {
        // Claim the token atomically: of two concurrent refreshes with one token, one wins and the other is reuse.
        const claimed = await tx
          .getRepository(RefreshTokenEntity)
          .createQueryBuilder()
          .update()
          .set({ usedAt: () => 'now()' })
          .where('id = :id AND used_at IS NULL', { id: stored.id })
          .execute();
        if (!claimed.affected) return 'reused' as const;
        const session = await tx.getRepository(SessionEntity).findOneBy({ id: stored.sessionId, endedAt: IsNull() });
        const user = session ? await tx.getRepository(UserEntity).findOneBy({ id: session.userId }) : null;
        if (!session || !user || !user.active || session.expiresAt <= new Date()) return 'invalid' as const;
        const now = new Date();
        Object.assign(session, {
          lastActiveAt: now,
          expiresAt: new Date(now.getTime() + lifetimeMs()),
          ip: clip(client.ip, 64) ?? session.ip,
          userAgent: clip(client.userAgent, 512) ?? session.userAgent,
        });
        await tx.getRepository(SessionEntity).save(session);
        await tx.getRepository(RefreshTokenEntity).insert({ sessionId: session.id, tokenHash: hashToken(next) });
        return { session, user };
      });

      if (outcome === 'reused') {
        await endSessions([stored.sessionId], 'refresh-token-reuse');
        throw unauthenticated('Refresh token was already used; the session has been ended');
      }
      if (outcome === 'invalid') throw invalid();
      return issue(outcome.user, outcome.session, next);
    },

    async get(sessionId: string): Promise<SessionRecord | null> {
      return sessions.findOneBy({ id: sessionId });
    },

    /** Sessions that still work: not ended and not expired. */
    async listLive(userId: string): Promise<SessionRecord[]> {
      return sessions.find({
        where: { userId, endedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        order: { lastActiveAt: 'DESC' },
      });
    },

    end: (sessionId: string, reason: EndReason) => endSessions([sessionId], reason),

    async endAllForUser(userId: string, reason: EndReason): Promise<void> {
      const live = await sessions.find({ select: { id: true }, where: { userId, endedAt: IsNull() } });
      await endSessions(
        live.map((s) => s.id),
        reason,
      );
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
