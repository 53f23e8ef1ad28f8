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
import type { JobWorker } from '../../platform/jobs/job-worker.js';
import { PrivacyJobs } from './privacy/queues.js';
import { startPrivacyWorkers } from './privacy/jobs.js';

// Started by `serve`; closed before the stores, so a running export or deletion finishes its step while they answer.
let privacyWorkers: JobWorker[] = [];
let privacyJobs: PrivacyJobs | undefined;

await runSubgraph({
  name: 'users',
  resolvers,
  permissions,
  async openStores() {
    const db = await openPostgresStore({ subgraph: 'users', entities: usersEntities, migrations: usersMigrations });
    const redis = connectRedis();
    return {
      db,
      redis,
      close: async () => {
        await Promise.all(privacyWorkers.map((worker) => worker.close()));
        await privacyJobs?.close();
        await Promise.all([db.destroy(), redis.quit()]);
      },
    };
  },
  async serve({ db, redis }) {
    const signer = await createAccessTokenSigner(db);
    const sessions = createSessionService(db, redis, signer);
    const throttle = createLoginThrottle(redis);
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
    const privacy = (privacyJobs = new PrivacyJobs(redis));
    privacyWorkers = startPrivacyWorkers({ db, redis, graph: serviceClient('users'), privacy, sessions, throttle }, logger('users'));
    return {
      context: (base): UsersContext => ({ ...base, accounts, sessions, linking, linkedAccountTokens, db, throttle, privacy }),
      readiness: { postgres: postgresReadiness(db), redis: redisReadiness(redis) },
      routes: (app) => app.get(JWKS_PATH, (_req, res) => void res.json(signer.jwks())),
    };
  },
});
