import { z } from 'zod';

/** Push events from the core to the renderer (IPC in Electron, SSE in the browser shell). */
export const JobProgress = z.object({
  jobId: z.string(),
  /** Machine phase name, e.g. reading / checking / comparing / writing. */
  phase: z.string(),
  /** Chinese label of the phase for the progress bar. */
  label: z.string(),
  done: z.number(),
  total: z.number(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const events = {
  'job.progress': JobProgress,
  'data.changed': z.object({ entity: z.string() }),
};
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
