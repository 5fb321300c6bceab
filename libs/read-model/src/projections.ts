import { actsProjection } from './acts/acts.projection';
import { assessmentsProjection } from './assessments/assessments.projection';
import { commitmentsProjection } from './commitments/commitments.projection';
import { conditionsProjection } from './conditions/conditions.projection';
import { waitsProjection } from './delays/waits.projection';
import { instrumentsProjection } from './instruments/instruments.projection';
import { logProjection } from './log/log.projection';
import { meetingsProjection } from './meetings/meetings.projection';
import type { Projection } from './projection';
import { programmesProjection } from './programmes/programmes.projection';
import { visibilityProjection } from './visibility/visibility.projection';

export const PROJECTIONS: readonly Projection[] = [
  logProjection,
  // Before the projections that fold a stream again from its acts, the event just applied included.
  actsProjection,
  instrumentsProjection,
  // After the instruments: it reads the view they just wrote.
  waitsProjection,
  meetingsProjection,
  programmesProjection,
  commitmentsProjection,
  conditionsProjection,
  assessmentsProjection,
  // After the instruments, commitments and conditions: it reads the rows they just wrote.
  visibilityProjection,
];
