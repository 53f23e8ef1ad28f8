/** Every library migration, oldest first. A new migration is added here and never edited once released. */
import { CreatePlaylists1733000000000 } from './1733000000000-CreatePlaylists.js';
import { CreateSavedTracks1733000000001 } from './1733000000001-CreateSavedTracks.js';
import { PlaylistEditing1733000000002 } from './1733000000002-PlaylistEditing.js';

export const libraryMigrations = [CreatePlaylists1733000000000, CreateSavedTracks1733000000001, PlaylistEditing1733000000002];
