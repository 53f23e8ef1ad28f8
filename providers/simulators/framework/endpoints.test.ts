/** Endpoint templates from a router's route table, and which requests a fault's `endpoint` selects. */
import express from 'express';
import { describe, expect, it } from 'vitest';
import { collectEndpoints, endpointSelects, resolveEndpoint, toTemplate } from './endpoints.js';

function providerRouter() {
  const v1 = express.Router();
  v1.get('/tracks/:id', () => undefined);
  v1.get('/tracks', () => undefined);
  v1.get('/albums/:id/tracks', () => undefined);
  v1.get('/me', () => undefined);
  const router = express.Router();
  router.post('/api/token', () => undefined);
  router.use('/v1', v1);
  return router;
}

describe('endpoint templates', () => {
  const endpoints = collectEndpoints(providerRouter());

  it('lists every route with its method, nested routers included', () => {
    expect(endpoints.map((e) => `${e.method} ${e.template}`)).toEqual([
      'POST /api/token', 'GET /v1/tracks/{id}', 'GET /v1/tracks', 'GET /v1/albums/{id}/tracks', 'GET /v1/me',
    ]);
  });

  it('names a request by its route template, not its concrete path', () => {
    expect(resolveEndpoint(endpoints, 'GET', '/v1/tracks/4uLU6hMCjMI75M1A2tKUQC')).toBe('GET /v1/tracks/{id}');
    expect(resolveEndpoint(endpoints, 'GET', '/v1/tracks')).toBe('GET /v1/tracks');
    expect(resolveEndpoint(endpoints, 'GET', '/v1/albums/abc/tracks/')).toBe('GET /v1/albums/{id}/tracks');
    expect(resolveEndpoint(endpoints, 'HEAD', '/v1/me')).toBe('GET /v1/me');
    expect(resolveEndpoint(endpoints, 'POST', '/v1/me')).toBeNull();
    expect(resolveEndpoint(endpoints, 'GET', '/v1/tracks/a/b')).toBeNull();
  });

  it('writes Express parameters as {name}', () => {
    expect(toTemplate('/playlists/:playlist_id/items')).toBe('/playlists/{playlist_id}/items');
    expect(toTemplate('/files/*rest')).toBe('/files/{rest}');
  });
});

describe('fault selection', () => {
  const key = 'GET /v1/tracks/{id}';
  const path = '/v1/tracks/4uLU6hMCjMI75M1A2tKUQC';

  it('selects by template, concrete path or prefix, and by method', () => {
    expect(endpointSelects(undefined, 'prefix', 'GET', key, path)).toBe(true);
    expect(endpointSelects('GET /v1/tracks/{id}', 'prefix', 'GET', key, path)).toBe(true);
    expect(endpointSelects(`GET ${path}`, 'prefix', 'GET', key, path)).toBe(true);
    expect(endpointSelects('GET /v1/tracks', 'prefix', 'GET', key, path)).toBe(true);
    expect(endpointSelects('/v1', 'prefix', 'GET', key, path)).toBe(true);
    expect(endpointSelects('POST /v1/tracks/{id}', 'prefix', 'GET', key, path)).toBe(false);
    expect(endpointSelects('GET /v1/albums', 'prefix', 'GET', key, path)).toBe(false);
    expect(endpointSelects('GET /v1/track', 'prefix', 'GET', key, path)).toBe(false);
  });

  it('exact selects only the endpoint itself', () => {
    expect(endpointSelects('GET /v1/tracks', 'exact', 'GET', key, path)).toBe(false);
    expect(endpointSelects('GET /v1/tracks', 'exact', 'GET', 'GET /v1/tracks', '/v1/tracks')).toBe(true);
    expect(endpointSelects('GET /v1/albums/{id}', 'exact', 'GET', 'GET /v1/albums/{id}/tracks', '/v1/albums/x/tracks')).toBe(false);
    expect(endpointSelects('GET /v1/albums/{id}', 'prefix', 'GET', 'GET /v1/albums/{id}/tracks', '/v1/albums/x/tracks')).toBe(true);
  });
});
