/**
 * The catalog's part of a user's data export and account deletion (platform/privacy/contract.ts).
 * The catalogue itself (tracks, albums, artists, channels) is nobody's; what names a user is in
 * `content_mappings`: their "wrong video" reports (`feedback.reports[].userId`, with a free-text
 * note) and, for an admin, the mappings they verified (`verifiedBy`). Plus the `mapTrack` rate-limit
 * count, keyed by user id in Redis.
 *
 * Erase anonymises rather than deletes the reports: each one counted against a mapping's confidence
 * and towards excluding a video, so removing them would silently undo decisions and change report
 * counts; the user id becomes the deletion's random `anonymousId` (one per deleted account, so the
 * distinct-reporter counts stay right) and the note, which may say anything about the person, is
 * dropped. A verification keeps its effect with `verifiedBy` anonymised the same way. Idempotent:
 * a second run finds nothing of the user's.
 */
import type { ErasureReport, PrivacySection } from '../../../platform/privacy/contract.js';
import type { PerUserLimit } from '../../../platform/redis/per-user-limit.js';
import type { CatalogCollections } from '../store/collections.js';

const WRITE_ATTEMPTS = 8;
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export async function exportCatalogUserData(catalog: CatalogCollections, userId: string): Promise<PrivacySection> {
  const reported = await catalog.contentMappings.find({ 'feedback.reports.userId': userId }).toArray();
  const verified = await catalog.contentMappings.find({ verifiedBy: userId }).toArray();
  return {
    mappingReports: reported.flatMap((doc) =>
      doc.feedback.reports
        .filter((report) => report.userId === userId)
        .map((report) => ({ trackId: doc.spotifyTrackId, videoId: report.videoId, reportedAt: iso(report.at), note: report.note })),
    ),
    mappingVerifications: verified.map((doc) => ({ trackId: doc.spotifyTrackId, videoId: doc.youtubeVideoId, verifiedAt: iso(doc.verifiedAt) })),
  };
}

export async function eraseCatalogUserData(
  catalog: CatalogCollections,
  userId: string,
  anonymousId: string,
  limits: PerUserLimit[],
): Promise<ErasureReport> {
  let reportsAnonymised = 0;
  for (const doc of await catalog.contentMappings.find({ 'feedback.reports.userId': userId }).toArray()) {
    let current = doc;
    for (let attempt = 1; ; attempt++) {
      const mine = current.feedback.reports.filter((report) => report.userId === userId).length;
      if (!mine) break;
      const reports = current.feedback.reports.map((report) => (report.userId === userId ? { ...report, userId: anonymousId, note: null } : report));
      // The same compare-and-set as a new report (mapping/store.ts addReport): written only if no report came meanwhile.
      const written = await catalog.contentMappings.updateOne(
        { _id: current._id, 'feedback.reports': { $size: current.feedback.reports.length } },
        { $set: { 'feedback.reports': reports } },
      );
      if (written.modifiedCount === 1) {
        reportsAnonymised += mine;
        break;
      }
      const reread = await catalog.contentMappings.findOne({ _id: current._id });
      if (!reread || attempt >= WRITE_ATTEMPTS) {
        if (!reread) break;
        throw new Error(`anonymising reports on ${current.spotifyTrackId}: the mapping kept changing`);
      }
      current = reread;
    }
  }
  const verifications = await catalog.contentMappings.updateMany({ verifiedBy: userId }, { $set: { verifiedBy: anonymousId } });
  await Promise.all(limits.map((limit) => limit.forget(userId)));
  return { reportsAnonymised, verificationsAnonymised: verifications.modifiedCount };
}
