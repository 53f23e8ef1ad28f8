/**
 * Streaming's Lua scripts (./lua/*.lua, each prefixed with ./lua/common.lua), run by SHA with the
 * source as a fallback: Redis caches scripts per server, and a restarted or failed-over server has
 * forgotten them (NOSCRIPT), which costs one EVAL and nothing else.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

const read = (name: string): string => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
const common = read('common');

export class LuaScript {
  private readonly source: string;
  private readonly sha: string;

  constructor(name: string) {
    this.source = `${common}\n${read(name)}`;
    this.sha = createHash('sha1').update(this.source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
