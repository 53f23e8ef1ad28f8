/**
 * One mapping run over a set of tracks: gathers candidates cheapest source first, for all the
 * run's tracks at once, so that every paid step is shared:
 *
 *   1. the stored mapping (fresh enough: served as it is, no provider call);
 *   2. free hints (Odesli, then Genius media links) for artists whose "- Topic" channel is not
 *      known yet, one track per artist and round, until a hint's channel reveals it: a confident
 *      hint settles its track, and the artist's other tracks need no lookup of their own;
 *   3. the uploads of the artist's Topic channel, listed once for all the run's tracks of that
 *      artist (about 1 unit per artist); Odesli for the tracks it did not settle; then the
 *      artist's official channels;
 *   4. `search.list`, only for a track nothing settled whose artist's Topic channel is still
 *      unknown (once per artist a day in the background), its results revealing the channel for
 *      the artist's other tracks.
 *
 * After each step the new candidates of all tracks are verified together (videos.list, 50 ids a
 * call) and scored; a track with a confident decision is written at once and leaves the run.
 * A provider failure fails only the tracks that needed that call; an exhausted quota ends the run
 * (jobs wait for the reset) with the tracks decided so far already stored.
 */
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import { isSpotifyId } from '../../../platform/graphql/inputs.js';
import { AppError, badInput, notFound } from '../../../platform/errors.js';
import { QuotaExhaustedError } from '../../../providers/http/errors.js';
import type { ProviderLoaders, Providers } from '../../../providers/index.js';
import type { CallerPriority } from '../../../providers/quota/priority.js';
import type { ArtistChannelsDocument, ContentMappingDocument, MappingCandidateDocument } from '../store/documents.js';
import { subjectOf, type TrackSubject } from './facts.js';
import { ALTERNATIVE_MIN_SCORE, ALTERNATIVES, CONCURRENCY, DISCOVERY_ROUNDS, SEARCH_MISS_COOLDOWN_MS, STORED_CANDIDATES } from './policy.js';
import type { Candidate, decideMapping, MappingDecision, ScoredCandidate } from './scoring/index.js';
import { ChannelBook } from './sources/artist-channels.js';
import { channelsOfKind, channelUploads, type ChannelKind } from './sources/artist-uploads.js';
import { geniusHint } from './sources/genius.js';
import { odesliHint } from './sources/odesli.js';
import { searchTrack } from './sources/search.js';
import type { DecidedMapping, MappingStore } from './store.js';
import { mayBeSameSong } from './text.js';
import { loadChunked, verifyVideos, type CandidateSource } from './verify.js';

export type Decide = typeof decideMapping;

export interface EngineDeps {
  store: MappingStore;
  artistChannels: Collection<ArtistChannelsDocument>;
  providers: Providers;
  decide: Decide;
  log?: Logger;
  now: () => Date;
}

export interface RunOptions {
  priority: CallerPriority;
  /** Re-map even fresh mappings (verified ones are still left alone). */
  force?: boolean;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

interface Job {
  trackId: string;
  subject: TrackSubject;
  existing: ContentMappingDocument | null;
  /** Never candidates: reported wrong, or set aside by an admin. */
  excluded: Set<string>;
  /** Every video found for the track, with the cheapest source that found it. */
  found: Map<string, CandidateSource>;
  /** The found videos that passed verification. */
  verified: Map<string, Candidate>;
  decision: MappingDecision | null;
}

export async function runMapping(deps: EngineDeps, trackIds: readonly string[], options: RunOptions): Promise<Map<string, ContentMappingDocument | Error>> {
  return new MappingRun(deps, options).execute(trackIds);
}

class MappingRun {
  private readonly results = new Map<string, ContentMappingDocument | Error>();
  private readonly jobs = new Map<string, Job>();
  private readonly loaders: ProviderLoaders;
  private readonly book: ChannelBook;
  /** Videos that failed verification (gone, private, not embeddable): not asked for twice. */
  private readonly unplayable = new Set<string>();
  /** Artists whose uploads listing reached its cap: a track missing from it may still be searched for. */
  private readonly truncated = new Set<string>();
  /** Tracks that asked a hint source already. */
  private readonly asked = { odesli: new Set<string>(), genius: new Set<string>() };
  private quotaError: QuotaExhaustedError | null = null;
  private total = 0;
  private reported = -1;

  constructor(
    private readonly deps: EngineDeps,
    private readonly options: RunOptions,
  ) {
    this.loaders = deps.providers.loaders(options.priority);
    this.book = new ChannelBook(deps.artistChannels, deps.now);
  }

  async execute(trackIds: readonly string[]): Promise<Map<string, ContentMappingDocument | Error>> {
    const unique = [...new Set(trackIds)];
    this.total = unique.length;
    const valid: string[] = [];
    for (const id of unique) {
      if (isSpotifyId(id)) valid.push(id);
      else this.results.set(id, badInput(`${id} is not a Spotify track id`, 'trackId'));
    }

    // 1. Stored mappings: verified ones always stand; fresh ones are served unless forced.
    const stored = await this.deps.store.getMany(valid);
    const todo = valid.filter((id) => {
      const doc = stored.get(id) ?? null;
      if (doc && (doc.verifiedBy || (!this.options.force && this.deps.store.isFresh(doc)))) {
        this.results.set(id, doc);
        return false;
      }
      return true;
    });
    await this.progress();
    if (todo.length === 0) return this.results;

    await this.loadSubjects(todo, stored);
    await this.book.load([...this.jobs.values()].map((job) => job.subject.artists[0]!.id));

    // A stale stored choice is one more candidate (its evidence is re-weighed, not trusted).
    for (const job of this.jobs.values()) {
      const previous = job.existing?.youtubeVideoId;
      if (previous && !this.options.force) this.add(job, previous, 'stored');
    }

    // 2. Free hints where the artist's Topic channel is unknown, a track per artist and round until a hint reveals it.
    await this.discover('odesli');
    await this.settleConfident();
    await this.discover('genius');
    await this.settleConfident();

    // 3. The artists' Topic channels, one listing shared by all their tracks.
    await this.fromArtistChannels([...this.jobs.values()], 'topic');
    await this.settleConfident();

    // Free hints for what the listing did not settle, then the artists' official channels.
    await this.hints('odesli', [...this.jobs.values()].filter((job) => !this.asked.odesli.has(job.trackId)));
    await this.settleConfident();
    await this.fromArtistChannels([...this.jobs.values()], 'official');
    await this.settleConfident();

    // 4. Search, last.
    await this.searchLastResort();
    await this.settleConfident();

    await this.settleAll();
    return this.results;
  }

  private async loadSubjects(todo: string[], stored: Map<string, ContentMappingDocument | null>): Promise<void> {
    const tracks = await loadChunked(this.loaders.spotifyTrack, todo);
    todo.forEach((trackId, i) => {
      const track = tracks[i];
      if (track instanceof QuotaExhaustedError) throw track;
      if (track instanceof Error) return this.fail(trackId, track);
      if (!track) return this.fail(trackId, notFound('Track'));
      const existing = stored.get(trackId) ?? null;
      this.jobs.set(trackId, {
        trackId,
        subject: subjectOf(track),
        existing,
        excluded: new Set([...(existing?.excludedVideoIds ?? []), ...(existing?.feedback.wrongVideoIds ?? [])]),
        found: new Map(),
        verified: new Map(),
        decision: null,
      });
    });
  }

  /**
   * Channel discovery through free hints: in rounds, one unsettled track per artist whose Topic
   * channel is unknown asks `source`; the round's hints are verified together and any that sits on
   * an artist's channel teaches it. An artist leaves the rounds as soon as its channel is known, so
   * its other tracks spend no hint lookups (Odesli allows ten a minute) and come from its uploads.
   * An artist that DISCOVERY_ROUNDS hints did not reveal may have no Topic channel at all: its other
   * tracks ask Odesli together after the listings, rather than a round (and a videos.list) each.
   */
  private async discover(source: 'odesli' | 'genius'): Promise<void> {
    for (let round = 0; round < DISCOVERY_ROUNDS; round++) {
      const batch: Job[] = [];
      for (const [artist, jobs] of this.byArtist([...this.jobs.values()])) {
        if (this.book.knowsTopic(artist)) continue;
        const next = jobs.find((job) => !this.asked[source].has(job.trackId) && job.decision?.outcome !== 'confident');
        if (next) batch.push(next);
      }
      if (batch.length === 0) return;
      await this.hints(source, batch);
    }
  }

  /** Asks `source` for a hint for each of these tracks, then verifies the hints together and decides. */
  private async hints(source: 'odesli' | 'genius', jobs: readonly Job[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.each(jobs, async (job) => {
      this.asked[source].add(job.trackId);
      const id = source === 'odesli' ? await odesliHint(this.loaders, job.trackId, this.deps.log) : await geniusHint(this.loaders, job.subject.facts, this.deps.log);
      if (id) this.add(job, id, source);
    });
    await this.verifyAndDecide(jobs.filter((job) => this.jobs.has(job.trackId)));
  }

  private byArtist(jobs: readonly Job[]): Map<string, Job[]> {
    const groups = new Map<string, Job[]>();
    for (const job of jobs) {
      const artist = job.subject.artists[0]!.id;
      groups.set(artist, [...(groups.get(artist) ?? []), job]);
    }
    return groups;
  }

  /** Adds a found video unless it is excluded or already found by a cheaper source. */
  private add(job: Job, videoId: string, source: CandidateSource): boolean {
    if (job.excluded.has(videoId) || job.found.has(videoId) || this.unplayable.has(videoId)) return false;
    job.found.set(videoId, source);
    return true;
  }

  /** Verifies every found, unverified video of these tracks in one batched go, learns channels, decides. */
  private async verifyAndDecide(jobs: readonly Job[]): Promise<void> {
    const ids = new Set<string>();
    for (const job of jobs) for (const id of job.found.keys()) if (!job.verified.has(id) && !this.unplayable.has(id)) ids.add(id);
    const videos = await verifyVideos(this.loaders.youtubeVideo, [...ids]);
    for (const job of jobs) {
      let failure: Error | null = null;
      for (const id of job.found.keys()) {
        if (job.verified.has(id)) continue;
        const video = videos.get(id);
        if (video instanceof Error) failure = video;
        else if (video) job.verified.set(id, video);
        else if (video === null) this.unplayable.add(id);
      }
      if (failure) {
        this.fail(job.trackId, failure);
        continue;
      }
      await this.guard(job, () => this.book.learn(job.subject.artists, [...job.verified.values()]));
      this.decide(job);
    }
  }

  private decide(job: Job): void {
    const candidates = [...job.verified.values()]
      .filter((c) => !job.excluded.has(c.videoId))
      .map((c) => ({ ...c, source: job.found.get(c.videoId) }));
    job.decision = this.deps.decide(job.subject.facts, candidates);
  }

  /** Lists the artists' channels of `kind` once per artist, verifies all uploads together, adds each track its song's uploads. */
  private async fromArtistChannels(jobs: readonly Job[], kind: ChannelKind): Promise<void> {
    const byArtist = new Map<string, Job[]>();
    for (const job of jobs) {
      const artist = job.subject.artists[0]!.id;
      if (channelsOfKind(this.book.get(artist), kind).length === 0) continue;
      byArtist.set(artist, [...(byArtist.get(artist) ?? []), job]);
    }
    if (byArtist.size === 0) return;
    const uploads = new Map<string, string[]>();
    await this.each([...byArtist.keys()], async (artist) => {
      try {
        const listing = await channelUploads(this.loaders, channelsOfKind(this.book.get(artist), kind));
        uploads.set(artist, listing.videoIds);
        if (listing.truncated) this.truncated.add(artist);
      } catch (error) {
        if (error instanceof QuotaExhaustedError) throw error;
        for (const job of byArtist.get(artist)!) this.fail(job.trackId, error as Error);
      }
    });
    this.rethrowQuota();
    const videos = await verifyVideos(this.loaders.youtubeVideo, [...new Set([...uploads.values()].flat())].filter((id) => !this.unplayable.has(id)));
    for (const [artist, ids] of uploads) {
      for (const job of byArtist.get(artist)!) {
        if (!this.jobs.has(job.trackId)) continue;
        let added = false;
        for (const id of ids) {
          const video = videos.get(id);
          if (video === null) this.unplayable.add(id);
          // An upload whose verification failed is simply not a candidate: the listing has others.
          if (!video || video instanceof Error || !mayBeSameSong(job.subject.facts.name, video.title)) continue;
          if (this.add(job, id, 'artist-channel')) {
            job.verified.set(id, video);
            added = true;
          }
        }
        if (added || !job.decision) this.decide(job);
      }
    }
  }

  /**
   * Searches for tracks still unsettled whose artist's Topic channel is unknown, artist by artist: the
   * first search of an artist usually reveals its "- Topic" channel, and the artist's other tracks
   * then come from its uploads instead of searches of their own.
   */
  private async searchLastResort(): Promise<void> {
    const byArtist = new Map<string, Job[]>();
    for (const job of this.jobs.values()) {
      const artist = job.subject.artists[0]!.id;
      const beyondListing = this.truncated.has(artist) && job.decision?.outcome === 'unavailable';
      if (!this.book.knowsTopic(artist) || beyondListing) byArtist.set(artist, [...(byArtist.get(artist) ?? []), job]);
    }
    const revealed: Job[] = [];
    await this.each([...byArtist.values()], async (jobs) => {
      const artist = jobs[0]!.subject.artists[0]!;
      for (const job of jobs) {
        if (this.quotaError) return;
        const beyondListing = this.truncated.has(artist.id);
        if (this.book.knowsTopic(artist.id) && !beyondListing) {
          revealed.push(job);
          continue;
        }
        if (this.options.priority === 'background' && !this.book.maySearch(artist.id, SEARCH_MISS_COOLDOWN_MS)) continue;
        await this.guard(job, async () => {
          const hits = await searchTrack(this.loaders, job.subject.facts);
          for (const id of hits.videoIds) this.add(job, id, 'search');
          await this.book.learn(job.subject.artists, hits.sightings);
          await this.verifyAndDecide([job]);
          if (beyondListing) return; // the listing was read already
          if (this.book.knowsTopic(artist.id)) revealed.push(job);
          else await this.book.recordMiss(artist);
        });
      }
    });
    this.rethrowQuota();
    const stillOpen = revealed.filter((job) => this.jobs.has(job.trackId) && job.decision?.outcome !== 'confident');
    await this.fromArtistChannels(stillOpen, 'topic');
    await this.fromArtistChannels(stillOpen.filter((job) => this.jobs.has(job.trackId) && job.decision?.outcome !== 'confident'), 'official');
  }

  /** Writes the tracks decided confidently; they leave the run. */
  private async settleConfident(): Promise<void> {
    this.rethrowQuota();
    await this.settle([...this.jobs.values()].filter((job) => job.decision?.outcome === 'confident'));
  }

  private async settleAll(): Promise<void> {
    await this.settle([...this.jobs.values()]);
  }

  private async settle(jobs: readonly Job[]): Promise<void> {
    await this.each(jobs, async (job) => {
      this.jobs.delete(job.trackId);
      const decision = job.decision ?? this.deps.decide(job.subject.facts, []);
      this.results.set(job.trackId, await this.deps.store.saveDecision(job.trackId, toStored(decision)));
    });
    await this.progress();
  }

  /** Runs `work` for each item, CONCURRENCY at a time; per-track failures are recorded by `guard`. */
  private async each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length && !this.quotaError) {
        const item = items[next++]!;
        await this.guard(item, () => work(item));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
    this.rethrowQuota();
  }

  /** Runs `work`; a failure fails the item's track (or tracks), an exhausted quota stops the run. */
  private async guard<T>(item: T, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof QuotaExhaustedError) {
        this.quotaError ??= error;
        return;
      }
      const jobs = isJob(item) ? [item] : Array.isArray(item) ? item.filter(isJob) : [];
      if (jobs.length === 0) throw error;
      for (const job of jobs) this.fail(job.trackId, error as Error);
    }
  }

  private fail(trackId: string, error: Error): void {
    if (error instanceof QuotaExhaustedError) {
      this.quotaError ??= error;
      return;
    }
    if (!(error instanceof AppError)) this.deps.log?.warn({ err: error, trackId }, 'mapping failed');
    this.jobs.delete(trackId);
    this.results.set(trackId, error);
  }

  private rethrowQuota(): void {
    if (this.quotaError) throw this.quotaError;
  }

  private async progress(): Promise<void> {
    if (!this.options.onProgress || this.results.size === this.reported) return;
    this.reported = this.results.size;
    await this.options.onProgress(this.results.size, this.total);
  }
}

const isJob = (value: unknown): value is Job => typeof value === 'object' && value !== null && 'trackId' in value && 'found' in value;

/** The decision as stored: bounded candidates, alternatives for uncertain ones only. */
export function toStored(decision: MappingDecision): DecidedMapping {
  const choice = decision.outcome === 'unavailable' ? null : decision.choice;
  const status = choice ? decision.outcome : 'unavailable';
  return {
    status,
    youtubeVideoId: choice?.videoId ?? null,
    confidence: Math.max(0, Math.min(100, Math.round(choice ? decision.confidence : 0))),
    source: choice?.source ?? null,
    candidates: decision.ranked.slice(0, STORED_CANDIDATES).map(candidateDocument),
    alternatives:
      status === 'uncertain'
        ? decision.ranked.filter((c) => c.videoId !== choice?.videoId && c.score >= ALTERNATIVE_MIN_SCORE).slice(0, ALTERNATIVES).map(candidateDocument)
        : [],
  };
}

export function candidateDocument(c: ScoredCandidate): MappingCandidateDocument {
  return {
    videoId: c.videoId,
    title: c.title,
    channelId: c.channelId ?? null,
    channelTitle: c.channelTitle,
    durationSeconds: c.durationSeconds,
    viewCount: c.viewCount,
    source: c.source ?? null,
    score: c.score,
    reasons: c.reasons,
  };
}
