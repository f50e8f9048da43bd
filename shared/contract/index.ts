import type { z } from 'zod';
import { appChannels } from './app';
import { orgsChannels } from './orgs';
import { exportChannels } from './export';
import { censusChannels } from './census';
import { safetyChannels } from './safety';
import { debriefingChannels } from './debriefing';
import { instructorsChannels } from './instructors';
import { honoursChannels } from './honours';
import { settingsChannels } from './settings';
import { chartsChannels } from './charts';

export * from './common';
export * from './events';

/** Every channel of the app, `domain.verb`. A capability adds its map here and its handlers in the core. */
export const channels = {
  ...appChannels,
  ...orgsChannels,
  ...exportChannels,
  ...censusChannels,
  ...safetyChannels,
  ...debriefingChannels,
  ...instructorsChannels,
  ...honoursChannels,
  ...settingsChannels,
  ...chartsChannels,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.infer<Channels[C]['output']>;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(channels, name);

/** Channel names of one domain (e.g. `DomainChannels<'orgs'>` = 'orgs.list' | 'orgs.get' | …). */
export type DomainChannels<D extends string> = Extract<ChannelName, `${D}.${string}`>;
