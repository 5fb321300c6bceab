import type { DomainEvent, Source } from '@ddr/kernel';
import type { Theme } from './theme.state';

/**
 * A provision of an agreement whose implementation is graded: the Agreement for Peace and Reconciliation's start
 * date for cantonment, its DDR, integration and security sector reform, the MOC. `chapter` is how the Agreement
 * groups it, in the recorder's words where the source gives no number.
 */
export type ProvisionDefined = DomainEvent<
  'ProvisionDefined',
  { provisionId: string; instrumentId: string; chapter: string; article: string | null; title: string; theme: Theme; source: Source }
>;
export type ProvisionEvent = ProvisionDefined;

export const provisionStream = (provisionId: string) => `provision-${provisionId}`;
