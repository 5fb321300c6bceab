import { InputType } from '@nestjs/graphql';
import { CommandIdField, CorrectionInput, CountField, DateField, ExpectedRevisionField, IdField, SourceRefField, TextField } from '@ddr/desks';

@InputType({ isAbstract: true })
export class ProgrammeActInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField({ description: 'e.g. "ADDR-I"' })
  programme: string;
  @DateField()
  effectiveDate: string;
  @SourceRefField()
  sourceRef?: string | null;
  @ExpectedRevisionField()
  expectedRevision?: number | null;
}

@InputType()
export class LaunchProgrammeInput extends ProgrammeActInput {
  @TextField()
  title: string;
  @CountField({ description: 'How many ex-combatants the programme is to process, e.g. 4,900.' })
  target: number;
  @CountField({ description: 'Of the target, how many deserters, e.g. 900.' })
  targetDeserters: number;
}

@InputType()
export class AnnounceEligibleCandidatesInput extends ProgrammeActInput {
  @CountField()
  count: number;
}

@InputType({ isAbstract: true })
export class TrancheActInput extends ProgrammeActInput {
  @IdField({ description: 'The tranche, e.g. "T1".' })
  tranche: string;
}

@InputType()
export class RegisterTrancheInput extends TrancheActInput {
  @CountField()
  count: number;
  @CountField({ optional: true, description: 'Of those registered, how many deserted the armed forces in 2012.' })
  deserters?: number | null;
}

@InputType()
export class ScreenTrancheInput extends TrancheActInput {
  @CountField({ description: 'Assessed medically fit.' })
  fit: number;
  @CountField({ description: 'Assessed medically unfit: referred to socio-economic reinsertion.' })
  unfit: number;
}

@InputType()
export class RecordWeaponsHandoverInput extends TrancheActInput {
  @CountField()
  weapons: number;
}

@InputType()
export class TrainingInput extends TrancheActInput {
  @TextField({ max: 100, description: 'Tiby, Banokoro, Mapho, Markala, Koulikoro, ...' })
  centre: string;
  @CountField()
  count: number;
}

@InputType()
export class IntegrateTrancheInput extends TrancheActInput {
  @CountField()
  count: number;
}

@InputType()
export class RedeployTrancheInput extends TrancheActInput {
  @TextField({ max: 100, description: 'The region redeployed to, e.g. Gao.' })
  region: string;
  @CountField()
  count: number;
}

@InputType()
export class CorrectProgrammeActInput extends CorrectionInput {
  @IdField({ description: 'The programme whose act is corrected, e.g. "ADDR-I".' })
  programme: string;
}
