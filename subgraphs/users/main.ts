/**
 * The users subgraph process: accounts, sessions, access tokens and linked Spotify/Google accounts
 * on PostgreSQL `users`, with Redis for login throttling and the revocation list the gateway checks.
 */
import { JWKS_PATH } from '../../platform/auth/access-token.js';
import { config } from '../../platform/config.js';
import { runSubgraph } from '../../platform/graphql/subgraph-process.js';
import { logger } from '../../platform/logger.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import { createAccessTokenSigner } from './accounts/access-tokens.js';
import { createAccountService } from './accounts/accounts.js';
import { createLoginThrottle } from './accounts/login-throttle.js';
import { createSessionService } from './accounts/sessions.js';
import type { UsersContext } from './context.js';
import { createAccountLinking, createLinkedAccountTokens } from './linked-accounts/index.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { usersEntities } from './store/entities.js';
import { usersMigrations } from './store/migrations/index.js';
import { serviceClient } from '../../platform/graphql/service-client.js';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { PrivacyJobs } from './privacy/queues.js';
import { startPrivacyWorkers } from './privacy/jobs.js';

/** What both the server and the privacy workers build on the stores (the workers end sessions and clear throttles). */
async function accountParts(db: DataSource, redis: Redis) {
  const signer = await createAccessTokenSigner(db);
  const sessions = createSessionService(db, redis, signer);
  const throttle = createLoginThrottle(redis);
  return { signer, sessions, throttle };
}

await runSubgraph({
  name: 'users',
  resolvers,
  permissions,
  async openStores() {
    const db = await openPostgresStore({ subgraph: 'users', entities: usersEntities, migrations: usersMigrations });
    const redis = connectRedis();
    // The privacy queues' producer shares the connection, so it is closed first.
    const privacy = new PrivacyJobs(redis);
    return {
      db,
      redis,
      privacy,
      close: async () => {
        await privacy.close();
        await Promise.all([db.destroy(), redis.quit()]);
      },
    };
  },
  async serve({ db, redis, privacy }) {
    const { signer, sessions, throttle } = await accountParts(db, redis);
    const accounts = createAccountService({ dataSource: db, redis, sessions, throttle });
    const linking = createAccountLinking({ dataSource: db });
    const linkedAccountTokens = createLinkedAccountTokens({ dataSource: db });

    const { BOOTSTRAP_ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD } = config();
    if (BOOTSTRAP_ADMIN_EMAIL && BOOTSTRAP_ADMIN_PASSWORD) {
      await accounts.ensureAdmin(BOOTSTRAP_ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD).catch((error: Error) => {
        logger().fatal(`BOOTSTRAP_ADMIN_PASSWORD: ${error.message}`);
        process.exit(78);
      });
    }
    return {
      context: (base): UsersContext => ({ ...base, accounts, sessions, linking, linkedAccountTokens, db, throttle, privacy }),
      readiness: { postgres: postgresReadiness(db), redis: redisReadiness(redis) },
      routes: (app) => app.get(JWKS_PATH, (_req, res) => void res.json(signer.jwks())),
    };
  },
  // The data-export and account-deletion workers: in this process (WORKERS=embedded) or in users-workers processes.
  async workers({ db, redis, privacy }) {
    const { sessions, throttle } = await accountParts(db, redis);
    const workers = startPrivacyWorkers({ db, redis, graph: serviceClient('users'), privacy, sessions, throttle }, logger('users'));
    return {
      close: async () => void (await Promise.all(workers.map((worker) => worker.close()))),
      readiness: { postgres: postgresReadiness(db), redis: redisReadiness(redis) },
    };
  },
});
