/** Every analytics migration, oldest first. A new migration is added here and never edited once released. */
import { CreateListeningEvents1733000000000 } from './1733000000000-CreateListeningEvents.js';
import { AddListeningReportColumns1736000000000 } from './1736000000000-AddListeningReportColumns.js';

export const analyticsMigrations = [CreateListeningEvents1733000000000, AddListeningReportColumns1736000000000];
