/**
 * Endpoint keys: "GET /v1/tracks/{id}", the route template a request hits, not its concrete path.
 * The templates come from the provider router's own route table (router 2's `listRoutes`), so a
 * request can be named before routing runs: faults and rate limits answer without touching the
 * provider, and their requests still count under the right endpoint.
 */
import type { Router } from 'express';

export interface Endpoint {
  method: string;
  /** "/v1/tracks/{id}" */
  template: string;
  pattern: RegExp;
}

interface ListedRoute {
  path: string | RegExp;
  methods?: string[];
  router?: { listRoutes?: () => ListedRoute[] };
}

type ListableRouter = Router & { listRoutes?: () => ListedRoute[] };

/** Every route of a router (and routers mounted in it), in matching order. */
export function collectEndpoints(router: Router, prefix = ''): Endpoint[] {
  const listRoutes = (router as ListableRouter).listRoutes;
  if (typeof listRoutes !== 'function') return [];
  const endpoints: Endpoint[] = [];
  for (const route of listRoutes.call(router)) {
    if (typeof route.path !== 'string') continue; // RegExp routes have no template to show
    const path = joinPaths(prefix, route.path);
    if (route.router) {
      endpoints.push(...collectEndpoints(route.router as Router, path));
      continue;
    }
    for (const method of route.methods ?? []) {
      if (method === 'HEAD' && route.methods?.includes('GET')) continue;
      const template = toTemplate(path);
      endpoints.push({ method: method === '_ALL' ? '*' : method, template, pattern: toPattern(path) });
    }
  }
  return endpoints;
}

function joinPaths(prefix: string, path: string): string {
  if (prefix === '' || prefix === '/') return path;
  return path === '/' ? prefix : `${prefix.replace(/\/$/, '')}${path}`;
}

/** Express 5 path syntax ("/tracks/:id", "/files/*rest", "/a{/:b}") → "/tracks/{id}". */
export function toTemplate(path: string): string {
  return path.replace(/[{}]/g, '').replace(/[:*]([A-Za-z_$][\w$]*)/g, '{$1}');
}

/** A matcher for concrete paths; a trailing slash is tolerated as Express does by default. */
export function toPattern(path: string): RegExp {
  let source = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === ':' || ch === '*') {
      const name = /^[A-Za-z_$][\w$]*/.exec(path.slice(i + 1))?.[0] ?? '';
      source += ch === ':' ? '[^/]+' : '.+';
      i += name.length;
    } else if (ch === '{') source += '(?:';
    else if (ch === '}') source += ')?';
    else source += ch.replace(/[.+?^$()[\]\\|]/g, '\\$&');
  }
  return new RegExp(`^${source}/?$`, 'i');
}

/** The endpoint key of a request, or null when no route of the provider matches it. */
export function resolveEndpoint(endpoints: readonly Endpoint[], method: string, path: string): string | null {
  const m = method === 'HEAD' ? 'GET' : method;
  for (const endpoint of endpoints) {
    if ((endpoint.method === m || endpoint.method === '*') && endpoint.pattern.test(path)) return `${m} ${endpoint.template}`;
  }
  return null;
}

/**
 * Whether a fault's `endpoint` selects a request. The pattern is "METHOD /path" or "/path"; the path
 * is a template ("/v1/tracks/{id}") or a concrete path. `prefix` (the default) also selects paths
 * below it: "GET /v1/tracks" selects "GET /v1/tracks/{id}" too; `exact` selects only itself.
 */
export function endpointSelects(pattern: string | undefined, mode: 'prefix' | 'exact', method: string, endpointKey: string | null, path: string): boolean {
  if (!pattern) return true;
  const [first, ...rest] = pattern.trim().split(/\s+/);
  const hasMethod = rest.length > 0;
  const wantedMethod = hasMethod ? first!.toUpperCase() : '*';
  const wantedPath = (hasMethod ? rest.join(' ') : first!).replace(/\/$/, '') || '/';
  if (wantedMethod !== '*' && wantedMethod !== (method === 'HEAD' ? 'GET' : method)) return false;
  const template = endpointKey?.slice(endpointKey.indexOf(' ') + 1) ?? null;
  const candidates = template ? [template, path] : [path];
  const wantedPattern = wantedPath.includes('{') ? new RegExp(`^${wantedPath.replace(/[.+?^$()[\]\\|]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`) : null;
  return candidates.some((candidate) => {
    if (candidate === wantedPath || wantedPattern?.test(candidate)) return true;
    return mode === 'prefix' && candidate.startsWith(`${wantedPath}/`);
  });
}
