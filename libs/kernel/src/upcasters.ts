import type { JsonObject } from './json';

/** What an upcaster reads of a stored event: its type, data and the schema version it was written with. */
export interface VersionedEvent {
  type: string;
  data: JsonObject;
  metadata: { schemaVersion?: unknown };
}

/** Turns the data of one event type from `fromVersion` into `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: JsonObject): JsonObject;
}

/**
 * Old events are never edited: a changed event shape gets a new schema
 * version, and readers lift old events to the current shape as they load them.
 */
export class Upcasters {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  register(...upcasters: Upcaster[]): this {
    for (const upcaster of upcasters) {
      const versions = this.byType.get(upcaster.type) ?? new Map<number, Upcaster>();
      if (versions.has(upcaster.fromVersion)) {
        throw new Error(`two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
      }
      this.byType.set(upcaster.type, versions.set(upcaster.fromVersion, upcaster));
    }
    return this;
  }

  /** The version new events of `type` are written with. */
  currentVersion(type: string): number {
    const versions = this.byType.get(type);
    return versions ? Math.max(...versions.keys()) + 1 : 1;
  }

  /** Which upcasters are in force (each type and its current version), to tell states folded under others apart. */
  signature(): string {
    return [...this.byType.keys()]
      .sort()
      .map((type) => `${type}@${this.currentVersion(type)}`)
      .join(',');
  }

  /** The event's data in the current shape of its type. */
  upcast(event: VersionedEvent): JsonObject {
    let version = typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1;
    let data = event.data;
    const versions = this.byType.get(event.type);
    for (let step = versions?.get(version); step; step = versions?.get(++version)) data = step.upcast(data);
    return data;
  }
}
