import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload, FieldIssue, FileInput, FileOutput, Result } from '@shared/contract';
import type { SavedToFolder } from '@shared/contract/bridge';

/** An error answered by the core, with its code and field issues, for forms to show. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

interface Transport {
  call(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  on(listener: (name: EventName, payload: unknown) => void): void;
  saveFile(file: FileOutput): Promise<string | null>;
  /** Electron only: a browser can download a file but not write into a folder. */
  saveToFolder?(file: FileOutput): Promise<SavedToFolder | null>;
}

/** Electron: the preload bridge. */
function ipcTransport(api: NonNullable<Window['lxApi']>): Transport {
  return {
    call: (channel, input) => api.channels[channel](input),
    on: (listener) => {
      api.on('job.progress', (p) => listener('job.progress', p));
      api.on('data.changed', (p) => listener('data.changed', p));
    },
    saveFile: (file) => api.saveFile(file),
    saveToFolder: (file) => api.saveToFolder(file),
  };
}

/** Browser shell: POST /rpc/<channel> with the per-run token, events over SSE. */
function httpTransport(token: string): Transport {
  return {
    async call(channel, input) {
      try {
        const res = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-lx-token': token },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Result<unknown>;
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: `无法连接本机服务：${(e as Error).message}。请确认“两新档案”仍在运行。` } };
      }
    },
    on(listener) {
      const es = new EventSource(`/events?token=${encodeURIComponent(token)}`);
      es.onmessage = (m) => {
        const { name, payload } = JSON.parse(m.data) as { name: EventName; payload: unknown };
        listener(name, payload);
      };
    },
    async saveFile(file) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return file.fileName;
    },
  };
}

/**
 * The browser shell's token comes only in the address printed at start-up (`?token=…`): kept for this
 * tab's session and taken out of the address bar, so it is not in history, bookmarks or a shared screen.
 */
function shellToken(): string {
  const params = new URLSearchParams(location.search);
  const given = params.get('token');
  if (given) {
    sessionStorage.setItem('lx-token', given);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  }
  return sessionStorage.getItem('lx-token') ?? '';
}

const transport: Transport = window.lxApi ? ipcTransport(window.lxApi) : httpTransport(shellToken());

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
transport.on((name, payload) => listeners.get(name)?.forEach((l) => l(payload)));

/** Calls a channel of the contract; resolves to its output or throws ApiError with the core's message. */
export async function api<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = await transport.call(channel, input);
  if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.issues);
  return r.data as ChannelOutput<C>;
}

export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  const set = listeners.get(name) ?? new Set<Listener>();
  listeners.set(name, set);
  set.add(listener as Listener);
  return () => set.delete(listener as Listener);
}

/** Save dialog in Electron, a download in the browser shell. */
export const saveFile = (file: FileOutput) => transport.saveFile(file);

/** Whether a batch can be saved file by file into a folder (the desktop app; the browser shell downloads a .zip). */
export const canSaveToFolder = !!transport.saveToFolder;

/** A batch .zip written out file by file into a folder the user picks (Electron); null when cancelled. */
export const saveToFolder = (file: FileOutput) => transport.saveToFolder?.(file) ?? Promise.resolve(null);

/** Reads a user-chosen file for a channel that takes a FileInput. */
export async function readFileInput(file: File): Promise<FileInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, base64: btoa(binary) };
}

export const newJobId = () => `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
