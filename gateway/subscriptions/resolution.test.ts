/**
 * From the rewritten query's answer to the client's payload: the response key and error paths the
 * client expects, the hidden job state removed (and used to end the subscription), and which
 * answers refuse a subscription at subscribe time.
 */
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimits } from '../query-limits.js';
import { shapeResolution } from './resolution.js';
import { HIDDEN_STATE_KEY, prepareSubscription, type PreparedSubscription } from './rewrite.js';

const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));

function prepared(query: string): PreparedSubscription {
  const options = { schema, rules: queryLimits().validationRules, maxTokens: 2000, introspection: false, hideSuggestions: false };
  const result = prepareSubscription({ query }, options);
  if (Array.isArray(result)) throw result[0];
  return result;
}

const codes = (errors: readonly { extensions: Record<string, unknown> }[] | undefined) => errors?.map((e) => e.extensions.code);

describe('payloads', () => {
  it('answers under the subscription field, with error paths to match', () => {
    const playlist = prepared('subscription { playlistChanged(id: "p") { id owner { email } } }');
    const resolution = shapeResolution(playlist, {
      data: { playlist: { id: 'p', owner: { email: null } } },
      errors: [{ message: 'No', path: ['playlist', 'owner', 'email'], extensions: { code: 'FORBIDDEN' } }],
    });
    expect(resolution.payload.data).toEqual({ playlistChanged: { id: 'p', owner: { email: null } } });
    expect(resolution.payload.errors?.map((e) => e.toJSON())).toEqual([
      { message: 'No', path: ['playlistChanged', 'owner', 'email'], extensions: { code: 'FORBIDDEN' } },
    ]);
    // A refused nested field is a partial answer, as over HTTP, not a refusal.
    expect(resolution.refusal).toBeUndefined();
    expect(resolution.final).toBe(false);
  });

  it("keeps the client's alias", () => {
    const aliased = prepared('subscription { mine: playlistChanged(id: "p") { id } }');
    expect(shapeResolution(aliased, { data: { mine: { id: 'p' } } }).payload).toEqual({ data: { mine: { id: 'p' } } });
  });

  it('removes the hidden job state, and ends on COMPLETED or FAILED', () => {
    const job = prepared('subscription { jobUpdated(id: "j") { progress } }');
    const running = shapeResolution(job, { data: { job: { progress: 40, [HIDDEN_STATE_KEY]: 'RUNNING' } } });
    expect(running.payload).toEqual({ data: { jobUpdated: { progress: 40 } } });
    expect(running.final).toBe(false);
    for (const state of ['COMPLETED', 'FAILED']) {
      const done = shapeResolution(job, { data: { job: { progress: 100, [HIDDEN_STATE_KEY]: state } } });
      expect(done.payload).toEqual({ data: { jobUpdated: { progress: 100 } } });
      expect(done.final).toBe(true);
    }
  });

  it('passes a deleted playlist on as null', () => {
    const playlist = prepared('subscription { playlistChanged(id: "p") { id } }');
    expect(shapeResolution(playlist, { data: { playlist: null } }).payload).toEqual({ data: { playlistChanged: null } });
  });
});

describe('refusals at subscribe time', () => {
  it('refuses a job or playlist that answers null (not there, or not the subscriber’s to see)', () => {
    for (const [query, key] of [
      ['subscription { jobUpdated(id: "j") { id } }', 'job'],
      ['subscription { playlistChanged(id: "p") { id } }', 'playlist'],
    ] as const) {
      const refusal = shapeResolution(prepared(query), { data: { [key]: null } }).refusal;
      expect(codes(refusal)).toEqual(['NOT_FOUND']);
    }
  });

  it('does not refuse a null playback state (nothing played yet): an event brings the first one', () => {
    const playback = prepared('subscription { playbackStateChanged { isPlaying } }');
    expect(shapeResolution(playback, { data: { playbackState: null } }).refusal).toBeUndefined();
  });

  it('refuses with the root field’s FORBIDDEN, UNAUTHENTICATED or NOT_FOUND error', () => {
    const playback = prepared('subscription { playbackStateChanged { isPlaying } }');
    for (const code of ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']) {
      const refusal = shapeResolution(playback, {
        data: { playbackState: null },
        errors: [{ message: 'no', path: ['playbackState'], extensions: { code } }],
      }).refusal;
      expect(refusal?.map((e) => e.toJSON())).toEqual([{ message: 'no', path: ['playbackStateChanged'], extensions: { code } }]);
    }
  });

  it('refuses when nothing ran (limits, validation), with those errors', () => {
    const playlist = prepared('subscription { playlistChanged(id: "p") { id } }');
    const refusal = shapeResolution(playlist, { errors: [{ message: 'Too complex', extensions: { code: 'QUERY_TOO_COMPLEX' } }] }).refusal;
    expect(codes(refusal)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('does not refuse a partial answer with other errors (a provider away)', () => {
    const playlist = prepared('subscription { playlistChanged(id: "p") { id items { nodes { track { name } } } } }');
    const resolution = shapeResolution(playlist, {
      data: { playlist: { id: 'p', items: { nodes: [{ track: null }] } } },
      errors: [{ message: 'away', path: ['playlist', 'items', 'nodes', 0, 'track'], extensions: { code: 'PROVIDER_UNAVAILABLE' } }],
    });
    expect(resolution.refusal).toBeUndefined();
  });
});
