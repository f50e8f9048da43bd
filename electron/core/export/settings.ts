import { DEFAULT_DOCUMENT_SETTINGS, DOCUMENT_SETTING_LABELS, DocumentSettings, unfilledSettings } from '../../../shared/contract/export';
import { AppError } from '../errors';
import { recordAudit, diffFields } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { getSetting, setSetting } from '../settings/settings';
import { docNumber } from './gongwen';

export const DOCUMENT_SETTINGS_KEY = 'documents';

/** The office's document settings (generic defaults until the office saves its own). */
export function documentSettings(db: Db): DocumentSettings {
  return getSetting(db, DOCUMENT_SETTINGS_KEY, DocumentSettings, DEFAULT_DOCUMENT_SETTINGS);
}

/**
 * The settings a document may go out with: refused (SETTINGS_INCOMPLETE, the UI offers 设置) while any still
 * holds the “××” placeholder. Every export door (UI, CLI, browser shell) goes through here.
 */
export function filledDocumentSettings(db: Db): DocumentSettings {
  const s = documentSettings(db);
  const unfilled = unfilledSettings(s);
  if (unfilled.length) {
    const names = unfilled.map((u) => `“${DOCUMENT_SETTING_LABELS[u.field]}”`).join('、');
    throw new AppError('SETTINGS_INCOMPLETE', `公文设置中的${names}还是通用的“××”，导出的文件不能使用。请先在“设置 → 公文设置”中填写本单位的名称，再导出。`, unfilled);
  }
  return s;
}

export function saveDocumentSettings(ctx: CoreContext, next: DocumentSettings): void {
  ctx.db.transaction(() => {
    const before = documentSettings(ctx.db);
    const changes = diffFields(before, next, DOCUMENT_SETTING_LABELS);
    if (changes.length === 0) return;
    setSetting(ctx.db, DOCUMENT_SETTINGS_KEY, next);
    recordAudit(ctx.db, { at: ctx.clock.now().toISOString(), actor: ctx.actor, action: 'update', entity: 'document_settings', entityId: null, entityLabel: '公文设置', changes });
  })();
}

/** Takes the next 发文字号 for this year and advances the counter (audited). */
export function takeDocNumber(ctx: CoreContext): string {
  return ctx.db.transaction(() => {
    const s = documentSettings(ctx.db);
    const year = Number(ctx.clock.today().slice(0, 4));
    saveDocumentSettings(ctx, { ...s, nextDocNumber: s.nextDocNumber + 1 });
    return docNumber(s.docNumberPrefix, year, s.nextDocNumber);
  })();
}
