/** Accounts: registration, sign-in, profile changes and admin deactivation. */
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { clearUserInactive, markUserInactive } from '../../../platform/auth/revocations.js';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../../../platform/errors.js';
import type { LoginInput, RegisterInput, UpdateProfileInput } from '../generated/resolvers.js';
import { DEFAULT_PREFERENCES, UserEntity, type UserRecord } from '../store/entities.js';
import {
  MAX_EMAIL_LENGTH,
  MAX_PASSWORD_LENGTH,
  checkPasswordPolicy,
  emailKey,
  hashPassword,
  normaliseEmail,
  verifyPassword,
} from './credentials.js';
import type { LoginThrottle } from './login-throttle.js';
import type { ClientInfo, IssuedSession, SessionService } from './sessions.js';

const MAX_NAME_LENGTH = 64;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function checkName(value: string, field: string): string {
  const name = value.trim();
  if (!name || name.length > MAX_NAME_LENGTH) throw badInput(`${field} must be 1 to ${MAX_NAME_LENGTH} characters`, field);
  return name;
}

const deviceName = (value: string | null | undefined) =>
  value == null ? 'Unknown device' : checkName(value, 'deviceName');

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

export interface AccountDeps {
  dataSource: DataSource;
  redis: Redis;
  sessions: SessionService;
  throttle: LoginThrottle;
}

export function createAccountService({ dataSource, redis, sessions, throttle }: AccountDeps) {
  const users = dataSource.getRepository(UserEntity);

  /** The user, active or not, or NOT_FOUND. */
  async function findUser(id: string): Promise<UserRecord> {
    const user = await users.findOneBy({ id });
    if (!user) throw notFound('User');
    return user;
  }

  return {
    byId: (id: string) => users.findOneBy({ id }),

    async register(input: RegisterInput, client: Omit<ClientInfo, 'deviceName'>): Promise<IssuedSession> {
      const email = normaliseEmail(input.email);
      checkPasswordPolicy(input.password, email);
      const displayName = checkName(input.displayName, 'displayName');
      const device = deviceName(input.deviceName);
      const passwordHash = await hashPassword(input.password);
      let user: UserRecord;
      try {
        user = await users.save({ email, passwordHash, displayName, role: 'USER', active: true, preferences: DEFAULT_PREFERENCES });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('An account with this email already exists');
        throw error;
      }
      return sessions.start(user, { ...client, deviceName: device });
    },

    async login(input: LoginInput, client: Omit<ClientInfo, 'deviceName'>): Promise<IssuedSession> {
      if (input.email.length > MAX_EMAIL_LENGTH) throw badInput('Enter a valid email address', 'email');
      if (input.password.length > MAX_PASSWORD_LENGTH) throw badInput('Password is too long', 'password');
      const account = emailKey(input.email);
      await throttle.assertAllowed(account, client.ip);
      const device = deviceName(input.deviceName);
      const user = await users.findOneBy({ email: account });
      if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
        await throttle.recordFailure(account, client.ip);
        throw unauthenticated('Invalid email or password');
      }
      await throttle.recordSuccess(account);
      // Said only to someone who knows the password, so it reveals nothing to a guesser.
      if (!user.active) throw forbidden('This account has been deactivated');
      return sessions.start(user, { ...client, deviceName: device });
    },

    async updateProfile(userId: string, input: UpdateProfileInput): Promise<UserRecord> {
      const user = await findUser(userId);
      if (input.displayName != null) user.displayName = checkName(input.displayName, 'displayName');
      const prefs = input.preferences;
      if (prefs) {
        if (prefs.locale != null && (!LOCALE.test(prefs.locale) || prefs.locale.length > 35)) {
          throw badInput('locale must be a BCP-47 language tag such as en or pt-BR', 'locale');
        }
        user.preferences = {
          ...DEFAULT_PREFERENCES,
          ...user.preferences,
          ...Object.fromEntries(Object.entries(prefs).filter(([, v]) => v != null)),
        };
      }
      return users.save(user);
    },

    async setActive(adminId: string, userId: string, active: boolean): Promise<UserRecord> {
      if (adminId === userId && !active) throw badInput('You cannot deactivate your own account', 'id');
      const user = await findUser(userId);
      if (active && user.deletionRequestedAt) throw conflict('This account is being deleted');
      user.active = active;
      user.deactivatedAt = active ? null : new Date();
      const saved = await users.save(user);
      if (active) {
        await clearUserInactive(redis, userId);
      } else {
        await markUserInactive(redis, userId);
        await sessions.endAllForUser(userId, 'user-deactivated');
      }
      return saved;
    },

    /** Creates the configured admin on first start, or makes sure the account is an admin. */
    async ensureAdmin(rawEmail: string, password: string): Promise<void> {
      const email = normaliseEmail(rawEmail);
      const existing = await users.findOneBy({ email });
      if (existing) {
        if (existing.role !== 'ADMIN') await users.update({ id: existing.id }, { role: 'ADMIN' });
        return;
      }
      checkPasswordPolicy(password, email);
      await users
        .createQueryBuilder()
        .insert()
        .values({ email, passwordHash: await hashPassword(password), displayName: 'Admin', role: 'ADMIN', active: true, preferences: DEFAULT_PREFERENCES })
        .orIgnore()
        .execute();
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
