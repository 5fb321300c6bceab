import { join } from 'node:path';

/** Where the notifier keeps its follower state (apps/api/src/notifications/notifications-db.ts); `ddr backup` copies it too. */
export const notificationsFile = (dataDir: string) => join(dataDir, 'notifications.sqlite');
