/**
 * Every analytics table that holds a user id, and what deleting the account does to its rows. The
 * privacy export and erase walk this list, so a new table holding user ids is one line here.
 * Anonymising (the user id replaced by one fresh random id per deleted account, identifying columns
 * nulled) keeps totals across users right (plays per day, co-occurrence) while nothing points back
 * at the person; deleting suits what only serves that user (their recommendations).
 */
export interface UserKeyedTable {
  table: string;
  /** The column holding the user id. */
  userColumn: string;
  onErase: { kind: 'delete' } | { kind: 'anonymise'; nullColumns: readonly string[] };
}

export const ANALYTICS_USER_TABLES: readonly UserKeyedTable[] = [
  { table: 'listening_events', userColumn: 'user_id', onErase: { kind: 'anonymise', nullColumns: ['device_id', 'source_id'] } },
  { table: 'listening_event_ids', userColumn: 'user_id', onErase: { kind: 'anonymise', nullColumns: [] } },
  // A search's text can identify a person: nulled with the device.
  { table: 'activity_events', userColumn: 'user_id', onErase: { kind: 'anonymise', nullColumns: ['device_id', 'query'] } },
  { table: 'listening_daily_tracks', userColumn: 'user_id', onErase: { kind: 'anonymise', nullColumns: [] } },
  { table: 'listening_daily_users', userColumn: 'user_id', onErase: { kind: 'anonymise', nullColumns: [] } },
  { table: 'listening_user_totals', userColumn: 'user_id', onErase: { kind: 'anonymise', nullColumns: [] } },
  // Precomputed for that user only; the next run recomputes everyone else's from the anonymised events.
  { table: 'user_recommendations', userColumn: 'user_id', onErase: { kind: 'delete' } },
  { table: 'recommendation_profiles', userColumn: 'user_id', onErase: { kind: 'delete' } },
];
