/** The parts of YouTube Data API v3 resources the supergraph uses (see the discovery document in ../shared/apis). */
import { z } from 'zod';

const thumbnails = z.record(z.string(), z.object({ url: z.string(), width: z.number().int().optional(), height: z.number().int().optional() }));

export const videoSchema = z.object({
  id: z.string(),
  snippet: z
    .object({
      title: z.string(),
      description: z.string().default(''),
      channelId: z.string(),
      channelTitle: z.string().default(''),
      publishedAt: z.string(),
      categoryId: z.string().optional(),
      thumbnails: thumbnails.optional(),
    })
    .optional(),
  // ISO 8601 duration, e.g. PT3M33S; absent for live streams that have not ended.
  contentDetails: z.object({ duration: z.string().optional() }).optional(),
  // The API sends counts as strings (uint64).
  statistics: z.object({ viewCount: z.string().optional(), likeCount: z.string().optional() }).optional(),
  status: z.object({ embeddable: z.boolean().optional(), privacyStatus: z.string().optional() }).optional(),
});

export const videoListSchema = z.object({ items: z.array(videoSchema) });

export const searchResultSchema = z.object({
  id: z.object({ kind: z.string(), videoId: z.string().optional(), channelId: z.string().optional() }),
  snippet: z.object({ title: z.string(), channelId: z.string(), channelTitle: z.string().default(''), publishedAt: z.string() }).optional(),
});

export const searchListSchema = z.object({
  items: z.array(searchResultSchema),
  nextPageToken: z.string().optional(),
  pageInfo: z.object({ totalResults: z.number().int().optional() }).optional(),
});

export const channelSchema = z.object({
  id: z.string(),
  snippet: z.object({ title: z.string() }).optional(),
  contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string().optional() }) }).optional(),
  statistics: z.object({ subscriberCount: z.string().optional() }).optional(),
});

export const channelListSchema = z.object({ items: z.array(channelSchema).default([]) });

export const playlistItemSchema = z.object({
  snippet: z
    .object({ title: z.string(), channelId: z.string().optional(), videoOwnerChannelId: z.string().optional(), resourceId: z.object({ videoId: z.string().optional() }) })
    .optional(),
  contentDetails: z.object({ videoId: z.string() }).optional(),
});

export const playlistItemListSchema = z.object({ items: z.array(playlistItemSchema), nextPageToken: z.string().optional() });

/** Google's error body; `errors[0].reason` says why (quotaExceeded, keyInvalid...). */
export const googleErrorSchema = z.object({
  error: z.object({ code: z.number(), message: z.string(), errors: z.array(z.object({ reason: z.string() })).optional() }),
});

export type YouTubeVideo = z.infer<typeof videoSchema>;
export type YouTubeSearchPage = z.infer<typeof searchListSchema>;
export type YouTubeChannel = z.infer<typeof channelSchema>;
export type YouTubePlaylistItemPage = z.infer<typeof playlistItemListSchema>;

/** Seconds of an ISO 8601 duration as YouTube writes them (P1DT2H3M4S, PT3M33S); null when absent or unreadable. */
export function durationSeconds(iso: string | undefined): number | null {
  const match = iso?.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/);
  if (!match) return null;
  const [, d, h, m, s] = match.map((part) => Number(part ?? 0));
  return d! * 86_400 + h! * 3600 + m! * 60 + s!;
}
