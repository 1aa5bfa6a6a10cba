import { ConnectionType } from '@greenlight/common';
import { Pilot } from './pilot.entity';

export const PilotConnection = ConnectionType(Pilot);
