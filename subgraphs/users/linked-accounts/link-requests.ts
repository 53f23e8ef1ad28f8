/**
 * Started account links: the OAuth state (stored as its SHA-256 only) with the PKCE verifier it
 * needs (sealed), valid for 10 minutes and once. Claiming is one conditional UPDATE, so of two
 * finishes with the same state exactly one gets the verifier. Times are the database's, so every
 * replica agrees on what has expired.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TokenCipher } from '../../../platform/crypto/token-cipher.js';
import { AppError, ErrorCode } from '../../../platform/errors.js';
import type { OAuthProvider } from '../../../providers/oauth/index.js';
import { AccountLinkRequestEntity } from '../store/entities.js';
import { codeVerifierContext } from './sealing.js';

export const LINK_REQUEST_LIFETIME = '10 minutes';

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

export interface NewLinkRequest {
  userId: string;
  provider: OAuthProvider;
  state: string;
  codeVerifier: string;
}

/** Stores a started link; returns when its state expires. */
export async function createLinkRequest(dataSource: DataSource, cipher: TokenCipher, request: NewLinkRequest): Promise<Date> {
  const requests = dataSource.getRepository(AccountLinkRequestEntity);
  // Housekeeping on the way: a day past expiry a request cannot even explain a failed finish.
  await requests.createQueryBuilder().delete().where(`expires_at < now() - interval '1 day'`).execute();
  const stateHash = hashState(request.state);
  const inserted = await requests
    .createQueryBuilder()
    .insert()
    .values({
      stateHash,
      userId: request.userId,
      provider: request.provider,
      encryptedCodeVerifier: cipher.encrypt(request.codeVerifier, codeVerifierContext(stateHash)),
      expiresAt: () => `now() + interval '${LINK_REQUEST_LIFETIME}'`,
    })
    .returning('expires_at')
    .execute();
  return (inserted.raw as { expires_at: Date }[])[0]!.expires_at;
}

type Refusal = 'STATE_UNKNOWN' | 'STATE_EXPIRED' | 'STATE_USED' | 'STATE_PROVIDER_MISMATCH';

const MESSAGES: Record<Refusal, string> = {
  STATE_UNKNOWN: 'The account-link state is not valid; start the link again',
  STATE_EXPIRED: 'The account link took too long; start it again',
  STATE_USED: 'This account link was already finished; start it again',
  STATE_PROVIDER_MISMATCH: 'The account-link state was started for another provider',
};

const refused = (reason: Refusal) => new AppError(ErrorCode.BAD_USER_INPUT, MESSAGES[reason], { field: 'state', reason });

/**
 * Uses up the caller's request for `state` and returns its PKCE verifier, or BAD_USER_INPUT saying
 * why not. Someone else's state looks unknown, and is left for its owner to use.
 */
export async function claimLinkRequest(
  dataSource: DataSource,
  cipher: TokenCipher,
  { userId, provider, state }: { userId: string; provider: OAuthProvider; state: string },
): Promise<string> {
  const requests = dataSource.getRepository(AccountLinkRequestEntity);
  const stateHash = hashState(state);
  const claimed = await requests
    .createQueryBuilder()
    .update()
    .set({ usedAt: () => 'now()' })
    .where('state_hash = :stateHash AND user_id = :userId AND provider = :provider AND used_at IS NULL AND expires_at > now()', {
      stateHash,
      userId,
      provider,
    })
    .returning('encrypted_code_verifier')
    .execute();
  const row = (claimed.raw as { encrypted_code_verifier: string }[])[0];
  if (row) return cipher.decrypt(row.encrypted_code_verifier, codeVerifierContext(stateHash));

  const [request] = await dataSource.query<{ user_id: string; provider: string; used: boolean; expired: boolean }[]>(
    'SELECT user_id, provider, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM account_link_requests WHERE state_hash = $1',
    [stateHash],
  );
  if (!request || request.user_id !== userId) throw refused('STATE_UNKNOWN');
  if (request.used) throw refused('STATE_USED');
  if (request.expired) throw refused('STATE_EXPIRED');
  throw refused('STATE_PROVIDER_MISMATCH');
}
