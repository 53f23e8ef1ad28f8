/**
 * Which YouTube channels are a Spotify artist's: discovered for free and remembered in MongoDB
 * (`artist_channels`), so that one uploads listing serves every track of the artist.
 *
 * Spotify does not know YouTube channels, and finding "<artist> - Topic" by a channel search costs
 * a search call per artist, the scarcest budget there is. But the engine verifies hinted uploads
 * with videos.list anyway, and a verified upload names its channel: whenever a candidate of any
 * track (an Odesli or Genius hint, a search result) sits on a channel titled "<artist> - Topic"
 * or "<Artist>" / "<Artist>VEVO" / "<Artist> Official" for one of that track's artists, the
 * channel is recorded for that artist. One hint among all of an artist's tracks is enough, and
 * later runs start from what earlier ones learnt.
 */
import type { Collection } from 'mongodb';
import type { ArtistChannelsDocument } from '../../store/documents.js';
import { isOfficialChannelOf, isTopicChannelOf } from '../text.js';

export interface ArtistRef {
  id: string;
  name: string;
}

export interface ChannelSighting {
  channelId?: string | null;
  channelTitle: string;
}

/** The channels one run knows, read once from MongoDB and written through as they are learnt. */
export class ChannelBook {
  private readonly known = new Map<string, ArtistChannelsDocument | null>();

  constructor(
    private readonly collection: Collection<ArtistChannelsDocument>,
    private readonly now: () => Date,
  ) {}

  /** Reads what is stored for these artists (once per artist per run). */
  async load(artistIds: readonly string[]): Promise<void> {
    const missing = [...new Set(artistIds)].filter((id) => !this.known.has(id));
    if (!missing.length) return;
    const docs = await this.collection.find({ _id: { $in: missing } }).toArray();
    for (const id of missing) this.known.set(id, null);
    for (const doc of docs) this.known.set(doc._id, doc);
  }

  get(artistId: string): ArtistChannelsDocument | null {
    return this.known.get(artistId) ?? null;
  }

  /**
   * Whether the artist's "- Topic" channel is known. That is the one that matters: it holds an
   * Art Track of nearly every release, where an official channel holds a few videos.
   */
  knowsTopic(artistId: string): boolean {
    return Boolean(this.get(artistId)?.topicChannelId);
  }

  /** Records the artists' channels found among the sightings (verified videos or search snippets). */
  async learn(artists: readonly ArtistRef[], sightings: readonly ChannelSighting[]): Promise<void> {
    for (const artist of artists) {
      const current = this.get(artist.id);
      let topic: string | null = null;
      const official = new Set<string>();
      for (const { channelId, channelTitle } of sightings) {
        if (!channelId) continue;
        if (!current?.topicChannelId && !topic && isTopicChannelOf(channelTitle, artist.name)) topic = channelId;
        else if (isOfficialChannelOf(channelTitle, artist.name) && !current?.officialChannelIds.includes(channelId)) official.add(channelId);
      }
      if (!topic && official.size === 0) continue;
      const now = this.now();
      const updated = await this.collection.findOneAndUpdate(
        { _id: artist.id },
        {
          $set: { artistName: artist.name, updatedAt: now, ...(topic ? { topicChannelId: topic } : {}) },
          $addToSet: { officialChannelIds: { $each: [...official] } },
          $setOnInsert: { lastMissAt: null, ...(topic ? {} : { topicChannelId: null }) },
        },
        { upsert: true, returnDocument: 'after' },
      ).catch(async (error: { code?: number }) => {
        // Another run inserted the artist at the same moment: its write stands, read it.
        if (error.code !== 11000) throw error;
        return this.collection.findOne({ _id: artist.id });
      });
      this.known.set(artist.id, updated);
    }
  }

  /** Whether a background search may look for this artist's channel now (see SEARCH_MISS_COOLDOWN_MS). */
  maySearch(artistId: string, cooldownMs: number): boolean {
    const missAt = this.get(artistId)?.lastMissAt;
    return !missAt || this.now().getTime() - missAt.getTime() >= cooldownMs;
  }

  /** A search did not reveal the artist's Topic channel. */
  async recordMiss(artist: ArtistRef): Promise<void> {
    const now = this.now();
    const updated = await this.collection.findOneAndUpdate(
      { _id: artist.id },
      { $set: { artistName: artist.name, lastMissAt: now, updatedAt: now }, $setOnInsert: { topicChannelId: null, officialChannelIds: [] } },
      { upsert: true, returnDocument: 'after' },
    ).catch(async (error: { code?: number }) => {
      if (error.code !== 11000) throw error;
      return this.collection.findOne({ _id: artist.id });
    });
    this.known.set(artist.id, updated);
  }
}
