import { CnddrViewResolver } from '@ddr/bodies/cnddr';
import { IntegrationCommissionViewResolver } from '@ddr/bodies/integration-commission';
import { MocViewResolver } from '@ddr/bodies/moc';

/**
 * Each body's own view, fields of `body(code)` that its module declares (libs/bodies/<body>/src/view): the API serves
 * them beside the shared ones. The CTS's and CSA's meeting registers are the shared `meetings { decisions }`.
 */
export const BODY_VIEWS = [CnddrViewResolver, IntegrationCommissionViewResolver, MocViewResolver];
