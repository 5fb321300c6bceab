import type { JsonObject } from '@ddr/event-store';

const text = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** One line a reader understands, for the timeline: "CTS APPROVE on redeployment-plan-2019-2021: APPROVED at CTS-41". */
export function summarise(type: string, data: JsonObject): string {
  const d = data as Record<string, unknown>;
  switch (type) {
    case 'InstrumentProposed':
      return `${text(d.leadBody)} proposed ${text(d.kind)} ${text(d.instrumentId)}: ${text(d.title)}`;
    case 'StepDecided':
      return `${text(d.body)} ${text(d.action)} on ${text(d.instrumentId)}: ${text(d.outcome)}${d.meeting ? ` at ${text(d.meeting)}` : ''}`;
    case 'InstrumentAdopted':
      return `${text(d.instrumentId)} adopted`;
    case 'MilestoneReached':
      return `${text(d.instrumentId)}: ${text(d.milestone)}${d.count !== null && d.count !== undefined ? ` (${text(d.count)})` : ''}`;
    case 'ImplementationHalted':
      return `${text(d.instrumentId)} halted: ${text(d.reason)}`;
    case 'PositionTabled':
      return `${text(d.party)} on ${text(d.instrumentId)}: ${text(d.statement)}`;
    case 'ActCorrected': {
      const subject = d.instrumentId ?? d.programme ?? d.commitmentId ?? d.conditionId ?? d.itemId;
      const previous = (d.previous ?? {}) as Record<string, unknown>;
      // A source reads as its reference: the whole of it is in the event.
      const shown = (key: string, value: unknown) => text(key === 'source' ? (value as { ref?: unknown } | null)?.ref : value);
      const changes = Object.entries((d.changes ?? {}) as Record<string, unknown>).map(
        ([key, value]) => `${key} ${shown(key, previous[key])} -> ${shown(key, value)}`,
      );
      return `${text(subject)}: revision ${text(d.revision)} corrected (${changes.join(', ')}): ${text(d.reason)}`;
    }
    case 'FindingRecorded':
      return `${text(d.body)} found on ${text(d.instrumentId)}: ${text(d.finding)}`;
    case 'OfficialReferenceGiven':
      return `${text(d.instrumentId)} enacted as ${text(d.reference)}`;
    case 'TrainingCentreDesignated':
      return `${text(d.programme)}: training centre ${text(d.centre)}, ${text(d.region)} region`;
    case 'MeetingHeld':
      return `${text(d.meeting)} held${d.title ? `: ${text(d.title)}` : ''}`;
    case 'CommitmentMade':
      return `${text(d.body)} committed, due ${text(d.dueDate)}: ${text(d.description)}`;
    case 'ConditionSet':
      return `${text(d.body)} set condition ${text(d.conditionId)}: ${text(d.title)}`;
    case 'ImplementationGraded':
      return `${text(d.assessor)} graded ${text(d.itemId)} ${text(d.grade)} of 3: ${text(d.finding)}`;
    case 'ProvisionDefined':
      return `provision ${text(d.provisionId)} of ${text(d.instrumentId)} (${text(d.chapter)}): ${text(d.title)}`;
    case 'ProgrammeLaunched':
      return `${text(d.programme)} launched, target ${text(d.target)} including ${text(d.targetDeserters)} deserters`;
    case 'TrancheRegistered':
    case 'TrancheIntegrated':
    case 'UnfitReferredToReinsertion':
      return `${text(d.programme)} ${text(d.tranche)}: ${type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} ${text(d.count)}`;
    case 'TrainingStarted':
    case 'TrainingCompleted':
      return `${text(d.programme)} ${text(d.tranche)}: ${type === 'TrainingStarted' ? 'training started' : 'training completed'} for ${
        d.count === null ? 'an unreported number' : text(d.count)
      } at ${d.centre === null ? 'an unreported centre' : text(d.centre)}`;
    case 'TrancheRedeployed':
      return `${text(d.programme)} ${text(d.tranche)}: ${text(d.count)} redeployed to ${text(d.region)}`;
    default: {
      const subject = d.instrumentId ?? d.programme ?? d.commitmentId ?? d.conditionId ?? d.camp;
      return `${type.replace(/([a-z])([A-Z])/g, '$1 $2')}${subject ? `: ${text(subject)}` : ''}`;
    }
  }
}
