import { Upcasters } from '@ddr/kernel';

/**
 * Every upcaster of every slice, in one registry that the server, the CLI and
 * the rebuild all use. Empty while every event type is at schema version 1;
 * a slice that changes an event's shape registers its upcaster here.
 */
export function domainUpcasters(): Upcasters {
  return new Upcasters();
}
