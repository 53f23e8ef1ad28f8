/**
 * The users subgraph process: accounts, sessions and access tokens on PostgreSQL `users`,
 * with Redis for login throttling and the revocation list the gateway checks.
 * `--migrate` prepares the database and exits (the supervisor runs it before starting processes).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { JWKS_PATH } from '../../platform/auth/access-token.js';
import { config } from '../../platform/config.js';
import { serveSubgraph } from '../../platform/graphql/subgraph-server.js';
import { onShutdown } from '../../platform/http/shutdown.js';
import { logger } from '../../platform/logger.js';
import { openPostgresStore, postgresReadiness } from '../../platform/postgres/data-source.js';
import { connectRedis, redisReadiness } from '../../platform/redis/connection.js';
import { createAccessTokenSigner } from './accounts/access-tokens.js';
import { createAccountService } from './accounts/accounts.js';
import { createLoginThrottle } from './accounts/login-throttle.js';
import { createSessionService } from './accounts/sessions.js';
import type { UsersContext } from './context.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers.js';
import { usersEntities } from './store/entities.js';
import { usersMigrations } from './store/migrations/index.js';

const log = logger('users');
const dataSource = await openPostgresStore({ subgraph: 'users', entities: usersEntities, migrations: usersMigrations });

if (process.argv.includes('--migrate')) {
  log.info('users database migrated');
  await dataSource.destroy();
  process.exit(0);
}

const redis = connectRedis();
redis.on('error', (error) => log.warn({ err: error.message }, 'redis unavailable'));
const signer = await createAccessTokenSigner(dataSource);
const sessions = createSessionService(dataSource, redis, signer);
const accounts = createAccountService({ dataSource, redis, sessions, throttle: createLoginThrottle(redis) });

const { BOOTSTRAP_ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD } = config();
if (BOOTSTRAP_ADMIN_EMAIL && BOOTSTRAP_ADMIN_PASSWORD) {
  await accounts.ensureAdmin(BOOTSTRAP_ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD).catch((error: Error) => {
    log.fatal(`BOOTSTRAP_ADMIN_PASSWORD: ${error.message}`);
    process.exit(78);
  });
}

const running = await serveSubgraph<UsersContext>({
  name: 'users',
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  permissions,
  context: (base) => ({ ...base, accounts, sessions }),
  readiness: { postgres: postgresReadiness(dataSource), redis: redisReadiness(redis) },
  routes: (app) => app.get(JWKS_PATH, (_req, res) => void res.json(signer.jwks())),
});

onShutdown(log, async () => {
  await running.stop();
  await Promise.all([dataSource.destroy(), redis.quit()]);
});
