import { PilotCriterion } from './criteria/pilot-criterion.entity';
import { PilotStatusChange } from './pilots/pilot-status-change.entity';
import { Pilot } from './pilots/pilot.entity';

export { Pilot, PilotCriterion, PilotStatusChange };

/** Every table the pilots context owns. */
export const PILOTS_ENTITIES = [Pilot, PilotStatusChange, PilotCriterion];
