import type { EngineMigration as Migration } from './migration';
import { engineSchema } from './001-engine-schema';
import { optimisticRevision } from './002-optimistic-revision';
import { notifyWhen } from './003-notify-when';
import { readyOrder } from './004-ready-order';
import { decisions } from './005-decisions';

/** The embedded engine's migrations, in order. Append only. */
export const engineMigrations: Migration[] = [
  engineSchema,
  optimisticRevision,
  notifyWhen,
  readyOrder,
  decisions,
];
