/** Playback tokens: what one replica signs another verifies; expired, tampered and foreign tokens are refused. */
import { randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';

process.env.PLAYBACK_TOKEN_SECRET = randomBytes(32).toString('base64url');
const { PlaybackTokenError, signPlaybackToken, verifyPlaybackToken } = await import('./playback-token.js');

const grant = { userId: 'user-1', deviceId: 'device-1', trackId: '4uLU6hMCjMI75M1A2tKUQC', videoId: 'dQw4w9WgXcQ' };
const at = (iso: string) => new Date(iso);
const refused = (reason: 'EXPIRED' | 'INVALID') => expect.objectContaining({ name: 'PlaybackTokenError', reason });

describe('playback tokens', () => {
  it('carry user, device, track and video until they expire (10 minutes by default)', async () => {
    const now = at('2026-03-01T12:00:00Z');
    const { token, expiresAt } = await signPlaybackToken(grant, { now });
    expect(expiresAt).toEqual(at('2026-03-01T12:10:00Z'));
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'user-1', device: 'device-1', track: grant.trackId, video: grant.videoId, exp: expiresAt.getTime() / 1000 });
    const verified = await verifyPlaybackToken(token, { now: at('2026-03-01T12:09:59Z') });
    expect(verified).toEqual({ ...grant, tokenId: claims.jti, issuedAt: now, expiresAt });
  });

  it('each token has its own id', async () => {
    const [a, b] = await Promise.all([signPlaybackToken(grant), signPlaybackToken(grant)]);
    expect(decodeJwt(a.token).jti).not.toBe(decodeJwt(b.token).jti);
  });

  it('refuses an expired token as EXPIRED', async () => {
    const { token } = await signPlaybackToken(grant, { now: at('2026-03-01T12:00:00Z'), ttlSeconds: 60 });
    await expect(verifyPlaybackToken(token, { now: at('2026-03-01T12:01:01Z') })).rejects.toEqual(refused('EXPIRED'));
    await expect(verifyPlaybackToken(token, { now: at('2026-03-01T12:01:01Z') })).rejects.toBeInstanceOf(PlaybackTokenError);
  });

  it('refuses a tampered payload or signature, another secret, no signature, and garbage as INVALID', async () => {
    const { token } = await signPlaybackToken(grant);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const other = Buffer.from(JSON.stringify({ ...decodeJwt(token), video: 'xxxxxxxxxxx' })).toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const foreign = (await signPlaybackToken(grant, { secret: randomBytes(32) })).token;
    const unsigned = new UnsecuredJWT({ ...decodeJwt(token) }).encode();
    for (const bad of [`${header}.${other}.${signature}`, `${header}.${payload}.${flipped}`, foreign, unsigned, 'not-a-token', '']) {
      await expect(verifyPlaybackToken(bad)).rejects.toEqual(refused('INVALID'));
    }
  });

  it('refuses a token signed with the secret for something else (identity tokens, missing claims)', async () => {
    const secret = new TextEncoder().encode(process.env.PLAYBACK_TOKEN_SECRET);
    const identityLike = await new SignJWT({ roles: ['USER'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('user-1').setExpirationTime('1m').sign(secret);
    const noVideo = await new SignJWT({ device: 'd', track: 't' })
      .setProtectedHeader({ alg: 'HS256', typ: 'playback+jwt' })
      .setIssuer('supergraph-streaming')
      .setAudience('supergraph-playback')
      .setSubject('user-1')
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(secret);
    for (const bad of [identityLike, noVideo]) await expect(verifyPlaybackToken(bad)).rejects.toEqual(refused('INVALID'));
  });
});
