/** Every migration of the users database, oldest first. A new migration is added here and never edited once released. */
import { CreateAccounts1764600000000 } from './1764600000000-CreateAccounts.js';
import { CreateLinkedAccounts1764700000000 } from './1764700000000-CreateLinkedAccounts.js';
import { AccountDeletion1764800000000 } from './1764800000000-AccountDeletion.js';

export const usersMigrations = [CreateAccounts1764600000000, CreateLinkedAccounts1764700000000, AccountDeletion1764800000000];
