import type { ChannelName } from '../../shared/contract';
import { appHandlers } from './app/handlers';
import { debriefingHandlers } from './debriefing/handlers';
import type { HandlerMap } from './handlers-types';
import { orgsHandlers } from './orgs/handlers';
import { exportHandlers } from './export/handlers';
import { censusHandlers } from './census/handlers';
import { instructorsHandlers } from './instructors/handlers';
import { safetyHandlers } from './safety/handlers';
import { honoursHandlers } from './honours/handlers';
import { settingsHandlers } from './settings/handlers';

/** Every channel's handler: a channel without one (or a handler without a channel) does not compile. */
export const handlers: HandlerMap<ChannelName> = {
  ...appHandlers,
  ...orgsHandlers,
  ...exportHandlers,
  ...censusHandlers,
  ...instructorsHandlers,
  ...debriefingHandlers,
  ...safetyHandlers,
  ...honoursHandlers,
  ...settingsHandlers,
};
