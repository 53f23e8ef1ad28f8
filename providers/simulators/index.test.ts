/**
 * The four simulators together: startSimulators' URLs and ports, /health and /_simulator/ on every
 * port, one shared world and clock; and the main.ts process: ready line, SIGTERM stop.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type RunningSimulators } from './index.js';

const PORTS = { spotify: 15120, youtube: 15121, genius: 15122, odesli: 15123 };
let sims: RunningSimulators;
const body = async (answer: Promise<Response>): Promise<any> => (await answer).json();

beforeAll(async () => {
  sims = await startSimulators({ ports: PORTS, seed: 3, tracks: 1500, artists: 150 });
});
afterAll(async () => {
  await sims?.stop();
});

describe('startSimulators', () => {
  it('serves each provider on its own port with the agreed base URLs', () => {
    expect(sims.urls).toEqual({
      spotifyApi: 'http://127.0.0.1:15120/v1',
      spotifyAccounts: 'http://127.0.0.1:15120',
      youtubeApi: 'http://127.0.0.1:15121/youtube/v3',
      googleAuthorize: 'http://127.0.0.1:15121/o/oauth2/v2/auth',
      googleToken: 'http://127.0.0.1:15121/token',
      genius: 'http://127.0.0.1:15122',
      odesli: 'http://127.0.0.1:15123/v1-alpha.1',
      control: { spotify: 'http://127.0.0.1:15120', youtube: 'http://127.0.0.1:15121', genius: 'http://127.0.0.1:15122', odesli: 'http://127.0.0.1:15123' },
    });
    expect(sims.catalogue.tracks.size).toBe(1500);
  });

  it('answers /health and the control API on every port, each counting only its own requests', async () => {
    for (const [name, url] of Object.entries(sims.urls.control)) {
      expect(await body(fetch(`${url}/health`))).toEqual({ status: 'ok', simulator: name });
      const stats = await body(fetch(`${url}/_simulator/stats`));
      expect(stats.simulator).toBe(name);
    }
    await fetch(`${sims.urls.spotifyApi}/tracks/x`);
    expect(sims.control.spotify.stats().total).toBe(1);
    expect(sims.control.youtube.stats().total).toBe(0);
    const trackId = [...sims.catalogue.tracks.keys()][0]!;
    const truth = await body(fetch(`${sims.urls.control.odesli}/_simulator/truth/tracks/${trackId}`));
    expect(truth.truth).toEqual(sims.catalogue.truth.get(trackId));
  });

  it('shares one clock and resets everything at once', async () => {
    const before = Date.parse((await body(fetch(`${sims.urls.control.genius}/_simulator/clock`))).now);
    sims.advanceClock(86_400_000);
    const after = Date.parse((await body(fetch(`${sims.urls.control.youtube}/_simulator/clock`))).now);
    expect(after - before).toBeGreaterThanOrEqual(86_400_000);
    sims.control.spotify.addFaults([{ status: 500 }]);
    sims.reset();
    expect(sims.control.spotify.stats().pendingFaults).toBe(0);
    expect(sims.control.spotify.stats().total).toBe(0);
    const reset = Date.parse((await body(fetch(`${sims.urls.control.genius}/_simulator/clock`))).now);
    expect(reset - before).toBeLessThan(60_000);
  });

  it('fails cleanly when a port is taken', async () => {
    await expect(startSimulators({ ports: { ...PORTS, odesli: 15124, spotify: PORTS.spotify }, tracks: 200, artists: 20 })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('main.ts', () => {
  it('starts the default world, logs "simulators ready", and exits 0 on SIGTERM', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, SIMULATOR_SPOTIFY_PORT: '15130', SIMULATOR_YOUTUBE_PORT: '15131', SIMULATOR_GENIUS_PORT: '15132', SIMULATOR_ODESLI_PORT: '15133', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ready = await new Promise<Record<string, any>>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.includes('"simulators ready"'));
        if (line) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    console.log(`simulators process ready after ${Math.round(performance.now() - started)} ms (generation ${ready.generationMs} ms, ${ready.startupMs} ms since process start)`);
    expect(ready.world.tracks).toBe(20_000);
    expect(ready.urls.spotifyApi).toBe('http://127.0.0.1:15130/v1');
    expect((await fetch('http://127.0.0.1:15133/health')).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 30_000);
});
