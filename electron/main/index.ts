import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, protocol } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileOutput, type Result } from '../../shared/contract';
import type { SavedToFolder } from '../../shared/contract/bridge';
import { createCore, type Core } from '../core';
import { saveIntoFolder } from '../core/export/folder';
import { APP_ORIGIN, hardenContents, hardenSession, isTrustedSender } from './security';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = path.join(__dirname, '../renderer');
let core: Core | null = null;
let win: BrowserWindow | null = null;

function serveRenderer(): void {
  protocol.handle('app', (req) => {
    const { pathname } = new URL(req.url);
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir)) return new Response('forbidden', { status: 403 });
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(rendererDir, 'index.html');
    return net.fetch(pathToFileURL(target).toString());
  });
}

const denied: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: '调用来源不被信任' } };

function registerIpc(c: Core): void {
  ipcMain.handle('rpc', (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url) || typeof channel !== 'string') return denied;
    return c.invoke(channel, input);
  });
  ipcMain.handle('save-file', async (event, raw: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) return null;
    const file = FileOutput.parse(raw);
    const r = await dialog.showSaveDialog(win!, { defaultPath: file.fileName });
    if (r.canceled || !r.filePath) return null;
    fs.writeFileSync(r.filePath, Buffer.from(file.base64, 'base64'));
    return r.filePath;
  });
  ipcMain.handle('save-to-folder', async (event, raw: unknown): Promise<SavedToFolder | null> => {
    if (!isTrustedSender(event.senderFrame?.url)) return null;
    const file = FileOutput.parse(raw);
    const r = await dialog.showOpenDialog(win!, { title: '选择保存文件的文件夹', properties: ['openDirectory', 'createDirectory'] });
    if (r.canceled || !r.filePaths[0]) return null;
    const dir = r.filePaths[0];
    return { dir, count: saveIntoFolder(file, dir).length };
  });
  c.onEvent((name, payload) => win?.webContents.send('event', name, payload));
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1100,
    minHeight: 680,
    title: '两新档案',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(() => {
  hardenSession();
  hardenContents();
  serveRenderer();
  try {
    core = createCore({ shell: 'electron', appVersion: app.getVersion() });
  } catch (e) {
    dialog.showErrorBox('无法打开数据库', (e as Error).message);
    app.quit();
    return;
  }
  registerIpc(core);
  // An encrypted database locks when the computer locks or sleeps; the renderer polls and shows the lock screen.
  const lockDatabase = () => void core?.invoke('safety.lock', {});
  powerMonitor.on('lock-screen', lockDatabase);
  powerMonitor.on('suspend', lockDatabase);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
      { label: '编辑', submenu: [{ role: 'undo', label: '撤销' }, { role: 'redo', label: '重做' }, { type: 'separator' }, { role: 'cut', label: '剪切' }, { role: 'copy', label: '复制' }, { role: 'paste', label: '粘贴' }, { role: 'selectAll', label: '全选' }] },
      { label: '视图', submenu: [{ role: 'reload', label: '刷新' }, { role: 'resetZoom', label: '实际大小' }, { role: 'zoomIn', label: '放大' }, { role: 'zoomOut', label: '缩小' }, { role: 'togglefullscreen', label: '全屏' }] },
    ]),
  );
  createWindow();
});

app.on('window-all-closed', () => {
  core?.close();
  app.quit();
});
