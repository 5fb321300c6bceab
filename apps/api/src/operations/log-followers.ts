import { Ledger } from '@ddr/ledger/live';
import { followerLag, type FollowerLag } from '@ddr/telemetry';
import { Notifier } from '../notifications/notifier';
import { ReadSide } from '../read-side/read-side';

/** The followers of the log a server runs, by the name /metrics and /health give them. */
export type FollowerName = 'projections' | 'ledger-tree' | 'notifications';

/**
 * How far each follower of the log is behind its head. They catch up behind
 * the server's start, so an operator asks here how far they still have to go.
 */
export class LogFollowers {
  readonly lags: Record<FollowerName, (cap: number) => Promise<FollowerLag>>;

  constructor(readSide: ReadSide, ledger: Ledger, notifier: Notifier) {
    const store = readSide.store;
    this.lags = {
      projections: (cap) => followerLag(store, readSide.position, cap),
      'ledger-tree': (cap) => followerLag(store, ledger.follower.records.followedTo(), cap),
      // The notifier follows only the streams it watches: events of others after its position are not its lag.
      notifications: (cap) => followerLag(store, notifier.position(), cap, Date.now(), notifier.followed),
    };
  }

  /** Every follower's lag, each counted up to `cap` events. */
  async measure(cap: number): Promise<Record<FollowerName, FollowerLag>> {
    const names = Object.keys(this.lags) as FollowerName[];
    const lags = await Promise.all(names.map((name) => this.lags[name](cap)));
    return Object.fromEntries(names.map((name, i) => [name, lags[i]])) as Record<FollowerName, FollowerLag>;
  }
}
