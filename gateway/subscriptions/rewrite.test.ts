/**
 * The subscription → query rewrite against the composed API schema: aliases, fragments, variables
 * and directives kept; what is not a valid, served, affordable subscription refused with a code.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, extendSchema, GraphQLError, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { config } from '../../platform/config.js';
import { queryLimits } from '../query-limits.js';
import { HIDDEN_STATE_KEY, prepareSubscription, type PreparedSubscription, type RewriteOptions, type SubscriptionRequest } from './rewrite.js';

const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
const options: RewriteOptions = {
  schema,
  rules: queryLimits().validationRules,
  maxTokens: config().MAX_QUERY_TOKENS,
  introspection: false,
  hideSuggestions: false,
};

function prepared(request: SubscriptionRequest, opts: RewriteOptions = options): PreparedSubscription {
  const result = prepareSubscription(request, opts);
  if (Array.isArray(result)) throw new Error(`refused: ${result.map((e) => e.message).join('; ')}`);
  return result;
}

function refused(request: SubscriptionRequest, opts: RewriteOptions = options): { message: string; code: unknown }[] {
  const result = prepareSubscription(request, opts);
  expect(Array.isArray(result), 'expected a refusal').toBe(true);
  return (result as GraphQLError[]).map((e) => ({ message: e.message, code: e.extensions.code }));
}

/** Printed the way the rewrite prints, to compare documents and not whitespace. */
const normal = (query: string) => print(parse(query));

describe('the rewrite', () => {
  it('turns each subscription field into its query, keeping the selection', () => {
    const playback = prepared({ query: 'subscription { playbackStateChanged { isPlaying track { name lyrics { url } } } }' });
    expect(playback.query).toBe(normal('{ playbackState { isPlaying track { name lyrics { url } } } }'));
    expect(playback).toMatchObject({ field: 'playbackStateChanged', responseKey: 'playbackStateChanged', answerKey: 'playbackState' });
    expect(playback.live.topic(playback.args, { userId: 'u1', roles: ['USER'] })).toBe('playback:u1');

    const playlist = prepared({ query: 'subscription { playlistChanged(id: "p1") { name items { nodes { track { name } } } } }' });
    expect(playlist.query).toBe(normal('{ playlist(id: "p1") { name items { nodes { track { name } } } } }'));
    expect(playlist.args).toEqual({ id: 'p1' });
    expect(playlist.live.topic(playlist.args, { roles: [] })).toBe('playlist:p1');
  });

  it('keeps the alias as the response key, and answers an unaliased field under its own name', () => {
    const aliased = prepared({ query: 'subscription { mine: playlistChanged(id: "p1") { id } }' });
    expect(aliased.query).toBe(normal('{ mine: playlist(id: "p1") { id } }'));
    expect(aliased).toMatchObject({ responseKey: 'mine', answerKey: 'mine' });
    const plain = prepared({ query: 'subscription { playlistChanged(id: "p1") { id } }' });
    expect(plain).toMatchObject({ responseKey: 'playlistChanged', answerKey: 'playlist' });
  });

  it('keeps variables, fragments and directives, and only the fragments the operation uses', () => {
    const query = `
      query Other { playlist(id: "x") { ...OnlyOther } }
      subscription Watch($id: ID!, $first: Int, $withTracks: Boolean = true) {
        changed: playlistChanged(id: $id) {
          ...Head
          items(first: $first) @include(if: $withTracks) { nodes { track { ...Names } } }
        }
      }
      fragment Head on Playlist { id name owner { id } }
      fragment Names on Track { name artists { name } }
      fragment OnlyOther on Playlist { tags }`;
    const result = prepared({ query, operationName: 'Watch', variables: { id: 'p9', first: 5, notDefined: 1 } });
    expect(result.query).toBe(
      normal(`query Watch($id: ID!, $first: Int, $withTracks: Boolean = true) {
        changed: playlist(id: $id) {
          ...Head
          items(first: $first) @include(if: $withTracks) { nodes { track { ...Names } } }
        }
      }
      fragment Head on Playlist { id name owner { id } }
      fragment Names on Track { name artists { name } }`),
    );
    expect(result.operationName).toBe('Watch');
    expect(result.variables).toEqual({ id: 'p9', first: 5 });
    expect(result.args).toEqual({ id: 'p9' });
    expect(result.live.topic(result.args, { roles: [] })).toBe('playlist:p9');
    // What runs is a valid query of the same schema.
    expect(validate(schema, parse(result.query))).toEqual([]);
  });

  it("adds a hidden job state, so the gateway knows when a job's subscription ends", () => {
    const result = prepared({ query: 'subscription ($id: ID!) { jobUpdated(id: $id) { progress } }', variables: { id: 'j1' } });
    expect(result.query).toBe(normal(`query ($id: ID!) { job(id: $id) { progress ${HIDDEN_STATE_KEY}: state } }`));
    expect(result.live.finalStates).toEqual(['COMPLETED', 'FAILED']);
    expect(result.live.topic(result.args, { roles: [] })).toBe('job:j1');
    expect(validate(schema, parse(result.query))).toEqual([]);
  });

  it('gives the same text for the same subscription, whatever its spacing (it keys the groups)', () => {
    const a = prepared({ query: 'subscription{playlistChanged(id:"p1"){id name}}' });
    const b = prepared({ query: 'subscription {\n  playlistChanged(id: "p1") {\n    id\n    name\n  }\n}' });
    expect(a.query).toBe(b.query);
  });
});

describe('refusals', () => {
  it('refuses unknown fields, at the root and below', () => {
    expect(refused({ query: 'subscription { nothingChanged { id } }' })).toEqual([
      { message: 'Cannot query field "nothingChanged" on type "Subscription".', code: 'GRAPHQL_VALIDATION_FAILED' },
    ]);
    expect(refused({ query: 'subscription { playbackStateChanged { volume } }' })[0]!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a subscription field of the schema that the gateway does not serve', () => {
    const extended = extendSchema(schema, parse('extend type Subscription { somethingNew: Boolean }'));
    expect(refused({ query: 'subscription { somethingNew }' }, { ...options, schema: extended })).toEqual([
      { message: 'Subscription.somethingNew is not served', code: 'GRAPHQL_VALIDATION_FAILED' },
    ]);
  });

  it('refuses queries and mutations (they go over HTTP), and ambiguous documents', () => {
    expect(refused({ query: '{ playbackState { isPlaying } }' })[0]!.code).toBe('BAD_REQUEST');
    expect(refused({ query: 'mutation { logout }' })[0]!.code).toBe('BAD_REQUEST');
    const two = 'subscription A { playbackStateChanged { isPlaying } } subscription B { playbackStateChanged { positionMs } }';
    expect(refused({ query: two })[0]!.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(refused({ query: two, operationName: 'C' })[0]!.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('refuses more than one root field, and a root field behind a fragment', () => {
    const twoFields = 'subscription { playbackStateChanged { isPlaying } playlistChanged(id: "p") { id } }';
    expect(refused({ query: twoFields })[0]!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const fragment = 'subscription { ... on Subscription { playlistChanged(id: "p") { id } } }';
    expect(refused({ query: fragment })).toEqual([
      { message: 'Select the subscription field directly, not through a fragment', code: 'GRAPHQL_VALIDATION_FAILED' },
    ]);
  });

  it('refuses missing and mistyped variables', () => {
    const query = 'subscription ($id: ID!) { playlistChanged(id: $id) { id } }';
    expect(refused({ query })[0]!.code).toBe('BAD_USER_INPUT');
    expect(refused({ query, variables: { id: { not: 'an id' } } })[0]!.code).toBe('BAD_USER_INPUT');
  });

  it('refuses bad syntax', () => {
    expect(refused({ query: 'subscription { playlistChanged(id: "p") { id }' })[0]!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it("applies the HTTP endpoint's limits: depth, aliases and tokens", () => {
    const deep = `subscription { playbackStateChanged { ${'track { album { artists { topTracks { '.repeat(3)}name${' } } } }'.repeat(3)} } }`;
    expect(refused({ query: deep }).map((e) => e.code)).toContain('QUERY_TOO_COMPLEX');
    const aliases = Array.from({ length: config().MAX_QUERY_ALIASES + 1 }, (_, i) => `a${i}: isPlaying`).join(' ');
    expect(refused({ query: `subscription { playbackStateChanged { ${aliases} } }` }).map((e) => e.code)).toContain('QUERY_TOO_COMPLEX');
    const tokens = Array.from({ length: config().MAX_QUERY_TOKENS }, () => 'isPlaying').join(' ');
    expect(refused({ query: `subscription { playbackStateChanged { ${tokens} } }` })).toEqual([
      { message: 'Query has too many tokens', code: 'QUERY_TOO_COMPLEX' },
    ]);
  });

  it('refuses introspection outside development, and hides suggestions in production', () => {
    const introspection = 'subscription { playbackStateChanged { track { __type(name: "Track") { name } } } }';
    expect(refused({ query: introspection })[0]!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = 'subscription { playbackStateChanged { isPlayin } }';
    expect(refused({ query: typo })[0]!.message).toMatch(/Did you mean/);
    expect(refused({ query: typo }, { ...options, hideSuggestions: true })[0]!.message).toBe(
      'Cannot query field "isPlayin" on type "PlaybackState".',
    );
  });
});
