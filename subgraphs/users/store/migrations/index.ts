import { CreateAccounts1764600000000 } from './1764600000000-CreateAccounts.js';

/** Every migration of the users database, oldest first. */
export const usersMigrations = [CreateAccounts1764600000000];
