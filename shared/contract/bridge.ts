import type { ChannelName, FileOutput, Result } from './index';
import type { EventName } from './events';

/** What the Electron preload exposes as `window.lxApi`: one function per channel, allow-listed events, file saving. */
export interface PreloadApi {
  channels: Record<ChannelName, (input: unknown) => Promise<Result<unknown>>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Opens the native save dialog; resolves to the saved path or null when cancelled. */
  saveFile(file: FileOutput): Promise<string | null>;
  /** A batch .zip saved as one file per entry into a folder the user picks; null when cancelled. */
  saveToFolder(file: FileOutput): Promise<SavedToFolder | null>;
}

export interface SavedToFolder {
  dir: string;
  count: number;
}
