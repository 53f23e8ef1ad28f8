/**
 * OpenID Connect id tokens for grants with the `openid` scope: RS256 JWTs with Google's claims
 * (iss https://accounts.google.com, aud = azp = the client id, sub, email, name...), signed with a
 * key pair made per simulator and published as a JWKS, as Google publishes
 * https://www.googleapis.com/oauth2/v3/certs.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { GoogleUser } from '../google-user.js';

export class IdTokenSigner {
  private keys?: { privateKey: KeyObject; publicKey: KeyObject; kid: string };

  constructor(private readonly now: () => number) {}

  sign(user: GoogleUser, clientId: string, scopes: string[], accessToken: string, nonce?: string): string {
    const { privateKey, kid } = this.keyPair();
    const iat = Math.floor(this.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: 'https://accounts.google.com',
      azp: clientId,
      aud: clientId,
      sub: user.sub,
      // at_hash: the left half of the SHA-256 of the access token (OpenID Connect core 3.1.3.6).
      at_hash: createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url'),
      iat,
      exp: iat + 3600,
      ...(nonce ? { nonce } : {}),
      ...(scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
      ...(scopes.includes('profile')
        ? { name: user.name, picture: user.picture, given_name: user.givenName, family_name: user.familyName }
        : {}),
    };
    const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const signingInput = `${encode({ alg: 'RS256', kid, typ: 'JWT' })}.${encode(claims)}`;
    return `${signingInput}.${sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
  }

  jwks(): { keys: Record<string, unknown>[] } {
    const { publicKey, kid } = this.keyPair();
    return { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
  }

  // Made on first use: generating an RSA key takes a moment and most runs never ask for openid.
  private keyPair(): { privateKey: KeyObject; publicKey: KeyObject; kid: string } {
    if (!this.keys) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = createHash('sha1').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
      this.keys = { privateKey, publicKey, kid };
    }
    return this.keys;
  }
}
