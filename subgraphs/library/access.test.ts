/** What each kind of caller may do with a playlist: the one decision every path of the library uses. */
import { describe, expect, it } from 'vitest';
import type { RequestIdentity } from '../../platform/identity.js';
import { accessOf, requireAccess } from './access.js';

const owner = 'owner-id';
const as = (identity: Partial<RequestIdentity>): RequestIdentity => ({ roles: [], viaGateway: true, ...identity });
const privatePlaylist = { ownerId: owner, isPublic: false };
const publicPlaylist = { ownerId: owner, isPublic: true };

describe('accessOf', () => {
  it('gives the owner everything, collaborators their role, admins VIEW, others nothing on a private playlist', () => {
    expect(accessOf(privatePlaylist, as({ userId: owner, roles: ['USER'] }), undefined)).toBe('OWNER');
    expect(accessOf(privatePlaylist, as({ userId: 'c', roles: ['USER'] }), 'EDIT')).toBe('EDIT');
    expect(accessOf(privatePlaylist, as({ userId: 'admin', roles: ['ADMIN'] }), undefined)).toBe('VIEW');
    expect(accessOf(privatePlaylist, as({ userId: 'someone', roles: ['USER'] }), undefined)).toBeNull();
    expect(accessOf(privatePlaylist, as({}), undefined)).toBeNull();
  });

  it('shows a public playlist to anyone through the gateway, and nothing to direct calls', () => {
    expect(accessOf(publicPlaylist, as({}), undefined)).toBe('PUBLIC');
    expect(accessOf(publicPlaylist, as({ userId: 'c' }), 'MANAGE')).toBe('MANAGE');
    expect(accessOf(publicPlaylist, { roles: [], viaGateway: false }, undefined)).toBeNull();
    expect(accessOf(privatePlaylist, { userId: owner, roles: ['USER'], viaGateway: false }, undefined)).toBeNull();
  });
});

describe('requireAccess', () => {
  it('ranks OWNER > MANAGE > EDIT > VIEW > PUBLIC', () => {
    expect(requireAccess('OWNER', 'MANAGE')).toBe('OWNER');
    expect(requireAccess('EDIT', 'EDIT')).toBe('EDIT');
    expect(() => requireAccess('EDIT', 'MANAGE')).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    expect(() => requireAccess('PUBLIC', 'VIEW')).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
  });

  it('says NOT_FOUND, not FORBIDDEN, for a playlist the caller cannot see', () => {
    expect(() => requireAccess(null, 'VIEW')).toThrow(expect.objectContaining({ extensions: { code: 'NOT_FOUND' } }));
  });
});
