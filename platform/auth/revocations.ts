/**
 * Ended sessions and deactivated accounts, shared through Redis between users (which writes) and
 * the gateway (which checks every request). Access tokens are self-contained JWTs, so without this
 * list a revoked session would keep working until its token expired. Entries live as long as an
 * access token can, after which the token has expired anyway and refresh is refused by the database.
 */
import type { Redis } from 'ioredis';
import { config } from '../config.js';
import { redisKey } from '../redis/connection.js';

const sessionKey = (sessionId: string) => redisKey('auth', 'ended-session', sessionId);
const userKey = (userId: string) => redisKey('auth', 'inactive-user', userId);

export async function markSessionsEnded(redis: Redis, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  const ttl = config().ACCESS_TOKEN_TTL_SECONDS;
  const pipeline = redis.pipeline();
  for (const id of sessionIds) pipeline.set(sessionKey(id), '1', 'EX', ttl);
  await pipeline.exec();
}

export async function markUserInactive(redis: Redis, userId: string): Promise<void> {
  await redis.set(userKey(userId), '1', 'EX', config().ACCESS_TOKEN_TTL_SECONDS);
}

export async function clearUserInactive(redis: Redis, userId: string): Promise<void> {
  await redis.del(userKey(userId));
}

/** True when the session was ended or its user deactivated since the access token was issued. */
export async function isRevoked(redis: Redis, userId: string, sessionId: string): Promise<boolean> {
  const [session, user] = await redis.mget(sessionKey(sessionId), userKey(userId));
  return session !== null || user !== null;
}

/**
 * Of these sessions, the ids of those ended or whose user was deactivated: one MGET for all, so a
 * gateway can re-check every open subscription socket at once.
 */
export async function revokedSessions(redis: Redis, sessions: { userId: string; sessionId: string }[]): Promise<Set<string>> {
  if (!sessions.length) return new Set();
  const userIds = [...new Set(sessions.map((s) => s.userId))];
  const sessionIds = [...new Set(sessions.map((s) => s.sessionId))];
  const values = await redis.mget(...sessionIds.map(sessionKey), ...userIds.map(userKey));
  const endedSessions = new Set(sessionIds.filter((_, i) => values[i] !== null));
  const inactiveUsers = new Set(userIds.filter((_, i) => values[sessionIds.length + i] !== null));
  return new Set(sessions.filter((s) => endedSessions.has(s.sessionId) || inactiveUsers.has(s.userId)).map((s) => s.sessionId));
}
