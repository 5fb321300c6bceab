/**
 * The desks (every body's commands, inputs and upcasters) take seconds to
 * load: loaded when a command needs them, so that `ddr token` and the ledger's
 * commands start without them.
 */
export const loadDesks = () => import('@ddr/bodies/all');
