/**
 * How much "wrong video" feedback users gave per UTC day, for analytics' admin KPIs (the mapping
 * feedback ratio: reports per play). Reports live inside each mapping document
 * (`feedback.reports`, one per user per chosen video, kept across re-maps), so one aggregation
 * unwinds the reports made in the range and groups them by day; only documents with a report in the
 * range are read. `$dateToString` formats in UTC by default (also in the embedded server). Served to analytics only (`mappingFeedbackCounts`, `@inaccessible`).
 */
import type { Collection } from 'mongodb';
import { badInput } from '../../../platform/errors.js';
import type { ContentMappingDocument } from '../store/documents.js';

export interface MappingFeedbackDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  /** Reports made that day. */
  reports: number;
  /** Distinct tracks reported that day. */
  reportedTracks: number;
}

/** At most a year and a month (analytics asks for up to 366 days). */
const MAX_RANGE_MS = 400 * 24 * 3600 * 1000;

/** Days in [from, to) with at least one report, oldest first. */
export async function mappingFeedbackCounts(mappings: Collection<ContentMappingDocument>, from: Date, to: Date): Promise<MappingFeedbackDay[]> {
  if (!(from < to)) throw badInput('must be after from', 'to');
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw badInput('the range must be at most 400 days', 'to');
  const inRange = { $gte: from, $lt: to };
  return mappings
    .aggregate<MappingFeedbackDay>([
      { $match: { 'feedback.reports.at': inRange } },
      { $unwind: '$feedback.reports' },
      { $match: { 'feedback.reports.at': inRange } },
      {
        $group: {
          _id: { $dateToString: { format: '%Y-%m-%d', date: '$feedback.reports.at' } },
          reports: { $sum: 1 },
          tracks: { $addToSet: '$spotifyTrackId' },
        },
      },
      { $project: { _id: 0, date: '$_id', reports: 1, reportedTracks: { $size: '$tracks' } } },
      { $sort: { date: 1 } },
    ])
    .toArray();
}
