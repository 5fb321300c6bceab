// What is told to whom, how it is signed, retried and checked: pure parts, no server, no store.
export * from './notification-kinds';
export * from './notification-events';
export * from './notifications-file';
export * from './logged-fact';
export * from './watch';
export * from './digest';
export * from './digest-content';
export * from './standard-webhooks';
export * from './retry-schedule';
export * from './url-safety';
