/**
 * `content_mappings` reads and writes. Every write is keyed by `spotifyTrackId` (unique index):
 * the engine upserts, so two concurrent maps of a track leave one document (an insert that loses
 * the race gets a duplicate-key error and is retried as the update it now is), and it never
 * touches a document an admin verified. Feedback and plays are targeted updates of their fields
 * only, so they never undo a decision written meanwhile.
 */
import { MongoServerError, type Collection } from 'mongodb';
import type {
  ContentMappingDocument,
  ContentMappingSource,
  ContentMappingStatus,
  MappingCandidateDocument,
  MappingReportDocument,
} from '../store/documents.js';
import { ENGINE_VERSION, FRESH_MS } from './policy.js';

const DUPLICATE_KEY = 11000;
const WRITE_ATTEMPTS = 4;

/** What the engine decided, ready to store. */
export type DecidedMapping = Pick<ContentMappingDocument, 'status' | 'youtubeVideoId' | 'confidence' | 'source' | 'candidates' | 'alternatives'>;

export interface AdminChoice {
  adminId: string;
  /** The chosen video (null: the admin confirms there is none). */
  youtubeVideoId: string | null;
  source: ContentMappingSource | null;
  /** The chosen video's entry, put first in `candidates`. */
  chosen: MappingCandidateDocument | null;
}

export class MappingStore {
  constructor(
    readonly collection: Collection<ContentMappingDocument>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(trackId: string): Promise<ContentMappingDocument | null> {
    return this.collection.findOne({ spotifyTrackId: trackId });
  }

  async getMany(trackIds: readonly string[]): Promise<Map<string, ContentMappingDocument | null>> {
    const unique = [...new Set(trackIds)];
    const found = new Map<string, ContentMappingDocument | null>(unique.map((id) => [id, null]));
    if (!unique.length) return found;
    for (const doc of await this.collection.find({ spotifyTrackId: { $in: unique } }).toArray()) found.set(doc.spotifyTrackId, doc);
    return found;
  }

  /** Whether a stored mapping can be served as it is (verified ones always). */
  isFresh(doc: ContentMappingDocument): boolean {
    if (doc.verifiedBy) return true;
    if (doc.engineVersion !== ENGINE_VERSION) return false;
    // Reported wrong often enough, but the re-map did not happen (quota, an outage): redo it.
    if (doc.youtubeVideoId && doc.excludedVideoIds.includes(doc.youtubeVideoId)) return false;
    return this.now().getTime() - doc.mappedAt.getTime() < FRESH_MS[doc.status];
  }

  /** Upserts the engine's decision; an admin-verified mapping stays as it is and is returned. */
  async saveDecision(trackId: string, decided: DecidedMapping): Promise<ContentMappingDocument> {
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      try {
        const doc = await this.collection.findOneAndUpdate(
          { spotifyTrackId: trackId, verifiedBy: null },
          {
            $set: { ...decided, updatedAt: now, mappedAt: now, engineVersion: ENGINE_VERSION },
            $setOnInsert: {
              usageCount: 0,
              feedback: { reports: [], wrongVideoIds: [] },
              excludedVideoIds: [],
              verifiedAt: null,
              createdAt: now,
            },
          },
          { upsert: true, returnDocument: 'after' },
        );
        if (doc) return doc;
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY) || attempt >= WRITE_ATTEMPTS) throw error;
        // Lost an insert race, or the mapping is verified (the filter skips it, the insert collides).
        const current = await this.get(trackId);
        if (current?.verifiedBy) return current;
      }
    }
  }

  /** One more play; false when the track has no mapping. */
  async recordUse(trackId: string): Promise<boolean> {
    const result = await this.collection.updateOne({ spotifyTrackId: trackId }, { $inc: { usageCount: 1 } });
    return result.matchedCount > 0;
  }

  /**
   * Adds a report unless the document changed since it was read (compare-and-set on the number of
   * reports, so concurrent reports are each counted once). Returns null when it did change.
   */
  async addReport(
    read: ContentMappingDocument,
    report: MappingReportDocument,
    change: { confidence: number; status: ContentMappingStatus },
  ): Promise<ContentMappingDocument | null> {
    return this.collection.findOneAndUpdate(
      { _id: read._id, youtubeVideoId: read.youtubeVideoId, 'feedback.reports': { $size: read.feedback.reports.length } },
      { $push: { 'feedback.reports': report }, $set: { ...change, updatedAt: this.now() } },
      { returnDocument: 'after' },
    );
  }

  /** Sets videos aside for good before a re-map: wrong by feedback. */
  async excludeWrong(trackId: string, videoId: string): Promise<void> {
    await this.collection.updateOne(
      { spotifyTrackId: trackId },
      { $addToSet: { 'feedback.wrongVideoIds': videoId, excludedVideoIds: videoId }, $set: { updatedAt: this.now() } },
    );
  }

  /** An admin's verification: confidence 100, written whatever the engine decided before. */
  async saveVerification(trackId: string, choice: AdminChoice, existing: ContentMappingDocument | null): Promise<ContentMappingDocument> {
    const now = this.now();
    const others = (existing?.candidates ?? []).filter((c) => c.videoId !== choice.youtubeVideoId);
    const candidates = choice.chosen ? [choice.chosen, ...others] : others;
    const set = {
      status: (choice.youtubeVideoId ? 'confident' : 'unavailable') as ContentMappingStatus,
      youtubeVideoId: choice.youtubeVideoId,
      confidence: 100,
      source: choice.source,
      candidates: candidates.slice(0, 10),
      alternatives: [],
      verifiedBy: choice.adminId,
      verifiedAt: now,
      updatedAt: now,
    };
    const pull = choice.youtubeVideoId ? { $pull: { excludedVideoIds: choice.youtubeVideoId, 'feedback.wrongVideoIds': choice.youtubeVideoId } } : {};
    for (let attempt = 1; ; attempt++) {
      try {
        const doc = existing
          ? await this.collection.findOneAndUpdate({ spotifyTrackId: trackId }, { $set: set, ...pull }, { returnDocument: 'after' })
          : await this.collection.findOneAndUpdate(
              { spotifyTrackId: trackId },
              {
                $set: set,
                $setOnInsert: {
                      usageCount: 0,
                  feedback: { reports: [], wrongVideoIds: [] },
                  excludedVideoIds: [],
                  createdAt: now,
                  mappedAt: now,
                  engineVersion: ENGINE_VERSION,
                },
              },
              { upsert: true, returnDocument: 'after' },
            );
        if (doc) return doc;
        // The document was deleted between the read and the write: insert it.
        existing = null;
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY) || attempt >= WRITE_ATTEMPTS) throw error;
        existing = await this.get(trackId);
      }
    }
  }
}
