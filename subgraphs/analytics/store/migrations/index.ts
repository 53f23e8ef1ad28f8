/** Every analytics migration, oldest first. A new migration is added here and never edited once released. */
import { CreateListeningEvents1733000000000 } from './1733000000000-CreateListeningEvents.js';
import { AddListeningReportColumns1736000000000 } from './1736000000000-AddListeningReportColumns.js';
import { CreateTrackFacts1737000000000 } from './1737000000000-CreateTrackFacts.js';
import { PartitionListeningEvents1737000001000 } from './1737000001000-PartitionListeningEvents.js';
import { CreateListeningRollups1737000002000 } from './1737000002000-CreateListeningRollups.js';
import { CreateRecommendations1745000000000 } from './1745000000000-CreateRecommendations.js';
import { IndexDailyUsersByDay1745000001000 } from './1745000001000-IndexDailyUsersByDay.js';

export const analyticsMigrations = [CreateListeningEvents1733000000000, AddListeningReportColumns1736000000000,
  CreateTrackFacts1737000000000,
  PartitionListeningEvents1737000001000,
  CreateListeningRollups1737000002000,
  CreateRecommendations1745000000000,
  IndexDailyUsersByDay1745000001000];
