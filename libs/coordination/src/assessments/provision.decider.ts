import { reject, type Decider } from '@ddr/kernel';
import type { ProvisionCommand } from './provision.commands';
import type { ProvisionEvent } from './provision.events';
import type { Provision } from './provision.state';

/** A provision is defined once; what it says stays as the agreement wrote it. */
export const provisionDecider: Decider<ProvisionCommand, ProvisionEvent, Provision | null> = {
  initialState: () => null,
  decide(command, state) {
    const { by: _by, type: _type, ...data } = command;
    if (state) return reject('CONFLICT', `provision ${command.provisionId} already exists`);
    return [{ type: 'ProvisionDefined', data }];
  },
  evolve(_state, event) {
    const { provisionId, instrumentId, chapter, article, title, theme, source, effectiveDate } = event.data;
    return { id: provisionId, instrumentId, chapter, article, title, theme, source, definedOn: effectiveDate };
  },
};
