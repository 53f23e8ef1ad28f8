/** A user's saved tracks. Saving twice or removing what is not saved is a no-op, so retries are safe. */
import type { DataSource } from 'typeorm';
import { SavedTrackEntity } from './entities.js';

export async function saveTrack(db: DataSource, userId: string, trackId: string): Promise<void> {
  await db.createQueryBuilder().insert().into(SavedTrackEntity).values({ userId, trackId }).orIgnore().execute();
}

export async function unsaveTrack(db: DataSource, userId: string, trackId: string): Promise<void> {
  await db.getRepository(SavedTrackEntity).delete({ userId, trackId });
}

export function savedTrackCount(db: DataSource, userId: string): Promise<number> {
  return db.getRepository(SavedTrackEntity).countBy({ userId });
}
