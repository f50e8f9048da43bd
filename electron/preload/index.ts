import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName, type Result } from '../../shared/contract';
import type { PreloadApi, SavedToFolder } from '../../shared/contract/bridge';

// One function per contract channel; ipcRenderer itself is never exposed.
const channels = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke('rpc', name, input) as Promise<Result<unknown>>]),
) as Record<ChannelName, (input: unknown) => Promise<Result<unknown>>>;

const api: PreloadApi = {
  channels,
  on(event: EventName, listener: (payload: unknown) => void) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`不允许订阅的事件：${event}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('event', wrapped);
    return () => ipcRenderer.off('event', wrapped);
  },
  saveFile: (file) => ipcRenderer.invoke('save-file', file) as Promise<string | null>,
  saveToFolder: (file) => ipcRenderer.invoke('save-to-folder', file) as Promise<SavedToFolder | null>,
};

contextBridge.exposeInMainWorld('lxApi', api);
