/**
 * Mappings as data: user reports (lower the confidence, past the threshold re-map without the
 * reported video), admin verification and override (checked with videos.list; bad input writes
 * nothing), plays counted. Against the simulators, the real Redis and the embedded MongoDB.
 */
import { describe, expect, it } from 'vitest';
import { REMAP_AFTER_REPORTS, REPORT_PENALTY } from './policy.js';
import { useMappingTestbed, type CatalogueTrack } from './testing.js';

const bed = useMappingTestbed({ spotify: 16110, youtube: 16111, genius: 16112, odesli: 16113 });

const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

let next = 0;
/** A track whose song has at least two faithful uploads, so a re-map has somewhere to go; each test its own. */
async function trackWithAlternatives(): Promise<{ track: CatalogueTrack; acceptable: string[] }> {
  const tracks = (await bed.catalogue({ hasOdesli: true, hasAcceptableUpload: true, version: 'studio' })).filter((t) => t.odesliVideoId === t.bestVideoId);
  for (; next < tracks.length; next++) {
    const track = tracks[next]!;
    const view = await bed.truth(track.id);
    if (view.truth.acceptableVideoIds.length >= 2) {
      next++;
      return { track, acceptable: view.truth.acceptableVideoIds };
    }
  }
  throw new Error('no such track left in this world');
}

describe('reportWrong', () => {
  it('lowers the confidence once per user and, past the threshold, re-maps without the reported video', async () => {
    const world = await bed.fresh();
    const { track, acceptable } = await trackWithAlternatives();
    const mapped = await world.service.map(track.id, { priority: 'background' });
    const wrong = mapped.youtubeVideoId!;

    const once = await world.service.reportWrong(track.id, 'user-1', '  not this one ');
    expect(once.confidence).toBe(Math.max(0, mapped.confidence - REPORT_PENALTY));
    expect(once.feedback.reports).toEqual([{ userId: 'user-1', videoId: wrong, at: expect.any(Date), note: 'not this one' }]);
    expect(once.status).toBe(once.confidence >= 70 ? 'confident' : 'uncertain');

    // The same user again: nothing changes.
    const twice = await world.service.reportWrong(track.id, 'user-1');
    expect(twice.confidence).toBe(once.confidence);
    expect(twice.feedback.reports).toHaveLength(1);

    // Concurrent reports by other users are each counted once; the last one crosses the threshold.
    const users = Array.from({ length: REMAP_AFTER_REPORTS - 1 }, (_, i) => `user-${i + 2}`);
    await Promise.all(users.map((user) => world.service.reportWrong(track.id, user)));
    const remapped = (await world.service.get(track.id))!;
    expect(remapped.youtubeVideoId).not.toBe(wrong);
    expect(remapped.feedback.wrongVideoIds).toEqual([wrong]);
    expect(remapped.excludedVideoIds).toEqual([wrong]);
    expect(remapped.feedback.reports).toHaveLength(REMAP_AFTER_REPORTS);
    expect(remapped.candidates.map((c) => c.videoId)).not.toContain(wrong);
    if (remapped.youtubeVideoId) expect(acceptable).toContain(remapped.youtubeVideoId);
    expect(await world.store.contentMappings.countDocuments()).toBe(1);

    // A forced re-map later still leaves the reported video out.
    const later = await world.service.map(track.id, { priority: 'background', force: true });
    expect(later.youtubeVideoId).not.toBe(wrong);
  });

  it('records reports on a verified mapping without touching the admin’s choice', async () => {
    const world = await bed.fresh();
    const { track } = await trackWithAlternatives();
    await world.service.map(track.id, { priority: 'background' });
    const verified = await world.service.verify(track.id, 'admin-1');
    for (const user of ['a', 'b', 'c', 'd']) await world.service.reportWrong(track.id, user);
    const doc = (await world.service.get(track.id))!;
    expect(doc).toMatchObject({ youtubeVideoId: verified.youtubeVideoId, confidence: 100, verifiedBy: 'admin-1' });
    expect(doc.feedback.reports).toHaveLength(4);
  });

  it('refuses bad input and unknown or unavailable mappings, writing nothing', async () => {
    const world = await bed.fresh();
    await expect(world.service.reportWrong('bad id', 'u')).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    const { track } = await trackWithAlternatives();
    await expect(world.service.reportWrong(track.id, 'u')).rejects.toSatisfy((e) => codeOf(e) === 'NOT_FOUND');
    await world.service.map(track.id, { priority: 'background' });
    await expect(world.service.reportWrong(track.id, '  ')).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    await expect(world.service.reportWrong(track.id, 'u', 'x'.repeat(501))).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    expect((await world.service.get(track.id))!.feedback.reports).toEqual([]);
  });
});

describe('verify', () => {
  it('confirms the current choice: confidence 100, verifiedBy, and the engine leaves it alone', async () => {
    const world = await bed.fresh();
    const { track } = await trackWithAlternatives();
    const mapped = await world.service.map(track.id, { priority: 'background' });
    await bed.sims.control.reset();
    const verified = await world.service.verify(track.id, 'admin-1');
    expect(verified).toMatchObject({ youtubeVideoId: mapped.youtubeVideoId, status: 'confident', confidence: 100, verifiedBy: 'admin-1', source: mapped.source });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect(await bed.calls('youtube')).toEqual({}); // confirming needs no call

    const again = await world.service.map(track.id, { priority: 'background', force: true });
    expect(again).toEqual(verified);
    const many = await world.service.mapMany([track.id], { priority: 'background', force: true });
    expect(many.get(track.id)).toEqual(verified);
  });

  it('overrides with another video after checking it with videos.list', async () => {
    const world = await bed.fresh();
    const { track, acceptable } = await trackWithAlternatives();
    const mapped = await world.service.map(track.id, { priority: 'background' });
    const other = acceptable.find((id) => id !== mapped.youtubeVideoId)!;
    await bed.sims.control.reset();

    const overridden = await world.service.verify(track.id, 'admin-2', other);
    expect(overridden).toMatchObject({ youtubeVideoId: other, source: 'admin', confidence: 100, status: 'confident', verifiedBy: 'admin-2', alternatives: [] });
    expect(overridden.candidates[0]).toMatchObject({ videoId: other, source: 'admin' });
    expect((await bed.youtubeCalls()).videos).toBe(1);
    expect(overridden._id).toEqual(mapped._id);
  });

  it('overrides a track that has no mapping yet', async () => {
    const world = await bed.fresh();
    const { track, acceptable } = await trackWithAlternatives();
    const doc = await world.service.verify(track.id, 'admin-3', acceptable[0]);
    expect(doc).toMatchObject({ spotifyTrackId: track.id, youtubeVideoId: acceptable[0], verifiedBy: 'admin-3', usageCount: 0 });
  });

  it('refuses an unknown video, malformed ids and nothing to confirm with BAD_USER_INPUT, writing nothing', async () => {
    const world = await bed.fresh();
    const { track } = await trackWithAlternatives();
    await expect(world.service.verify(track.id, 'admin')).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    const mapped = await world.service.map(track.id, { priority: 'background' });
    await bed.sims.control.reset();

    await expect(world.service.verify(track.id, 'admin', 'AAAAAAAAAAA')).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    expect((await bed.youtubeCalls()).videos).toBe(1); // it was looked up, and YouTube has no such video
    await expect(world.service.verify(track.id, 'admin', 'short')).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    await expect(world.service.verify('nope', 'admin', 'AAAAAAAAAAA')).rejects.toSatisfy((e) => codeOf(e) === 'BAD_USER_INPUT');
    expect(await world.service.get(track.id)).toEqual(mapped);
    expect(await world.store.contentMappings.countDocuments()).toBe(1);
  });
});

describe('recordUse', () => {
  it('counts plays of mapped tracks', async () => {
    const world = await bed.fresh();
    const { track } = await trackWithAlternatives();
    expect(await world.service.recordUse(track.id)).toBe(false);
    await world.service.map(track.id, { priority: 'background' });
    await Promise.all([world.service.recordUse(track.id), world.service.recordUse(track.id)]);
    const doc = (await world.service.get(track.id))!;
    expect(doc.usageCount).toBe(2);
    // Plays and reports leave the decision's own timestamp alone.
    expect(doc.mappedAt).toEqual((await world.service.get(track.id))!.mappedAt);
  });
});
