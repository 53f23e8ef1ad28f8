/** Who may see a playlist, and the inputs createPlaylist refuses. */
import { describe, expect, it } from 'vitest';
import type { RequestIdentity } from '../../platform/identity.js';
import { parseInput } from '../../platform/graphql/inputs.js';
import { createPlaylistArgs } from './inputs.js';
import { canViewPlaylist } from './visibility.js';

const owner = 'owner-id';
const as = (identity: Partial<RequestIdentity>): RequestIdentity => ({ roles: [], viaGateway: true, ...identity });

describe('canViewPlaylist', () => {
  const privatePlaylist = { ownerId: owner, isPublic: false };
  const publicPlaylist = { ownerId: owner, isPublic: true };

  it('shows a private playlist to its owner and admins only', () => {
    expect(canViewPlaylist(privatePlaylist, as({ userId: owner, roles: ['USER'] }))).toBe(true);
    expect(canViewPlaylist(privatePlaylist, as({ userId: 'admin', roles: ['ADMIN'] }))).toBe(true);
    expect(canViewPlaylist(privatePlaylist, as({ userId: 'someone', roles: ['USER'] }))).toBe(false);
    expect(canViewPlaylist(privatePlaylist, as({}))).toBe(false);
  });

  it('shows a public playlist to anyone through the gateway, and nothing to direct calls', () => {
    expect(canViewPlaylist(publicPlaylist, as({}))).toBe(true);
    expect(canViewPlaylist(publicPlaylist, { roles: [], viaGateway: false })).toBe(false);
    expect(canViewPlaylist(privatePlaylist, { userId: owner, roles: ['USER'], viaGateway: false })).toBe(false);
  });
});

describe('createPlaylist input', () => {
  it('trims, defaults to private and treats an empty description as none', () => {
    expect(parseInput(createPlaylistArgs, { input: { name: '  Mix ', description: '  ' } })).toEqual({
      input: { name: 'Mix', description: null, isPublic: false },
    });
  });

  it.each([
    ['name', { name: 'x'.repeat(101) }],
    ['name', { name: '   ' }],
    ['description', { name: 'ok', description: 'd'.repeat(301) }],
  ])('refuses a bad %s with BAD_USER_INPUT', (field, input) => {
    expect(() => parseInput(createPlaylistArgs, { input })).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: `input.${field}` } }),
    );
  });
});
