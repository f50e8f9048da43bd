import type { ChannelName, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import type { CoreContext } from './context';

export type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>, ctx: CoreContext) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** A capability's handlers: exactly the channels named (an extra or a missing one does not compile). */
export type HandlerMap<C extends ChannelName> = { [K in C]: Handler<K> };
