import type { ChannelName } from '../../shared/contract';
import { appHandlers } from './app/handlers';
import type { HandlerMap } from './handlers-types';
import { orgsHandlers } from './orgs/handlers';

/** Every channel's handler: a channel without one (or a handler without a channel) does not compile. */
export const handlers: HandlerMap<ChannelName> = {
  ...appHandlers,
  ...orgsHandlers,
};
