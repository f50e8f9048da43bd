import { app, session, shell, type WebContents } from 'electron';

/** External addresses the app may open in the system browser; everything else is refused. */
const EXTERNAL_ALLOW = new Set<string>([]);

export const APP_ORIGIN = 'app://renderer';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/** No navigation away from the app, no new windows; allow-listed links go to the system browser. */
export function hardenContents(): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (EXTERNAL_ALLOW.has(new URL(url).origin)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** Only our own page, loaded from the app protocol, may call the core. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return typeof frameUrl === 'string' && frameUrl.startsWith(APP_ORIGIN + '/');
}
