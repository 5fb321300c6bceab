import { Module } from '@nestjs/common';
import { CnddrModule } from '@ddr/bodies/cnddr';
import { CsaModule } from '@ddr/bodies/csa';
import { CtsModule } from '@ddr/bodies/cts';
import { IntegrationCommissionModule } from '@ddr/bodies/integration-commission';
import { MocModule } from '@ddr/bodies/moc';
import { DesksModule } from '@ddr/desks';
import { domainUpcasters } from './upcasters';

/** Every secretariat desk, on the shared kernel: what a deployable imports to accept commands. */
@Module({
  imports: [DesksModule.forRoot(domainUpcasters()), CnddrModule, IntegrationCommissionModule, CsaModule, CtsModule, MocModule],
})
export class SecretariatsModule {}
