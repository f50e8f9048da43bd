import { DEFAULT_DOCUMENT_SETTINGS, DocumentSettings } from '../../../shared/contract/export';
import { recordAudit, diffFields } from '../audit/audit';
import type { CoreContext } from '../context';
import type { Db } from '../db/database';
import { getSetting, setSetting } from '../settings/settings';
import { docNumber } from './gongwen';

const KEY = 'documents';

const LABELS: Record<keyof DocumentSettings, string> = {
  issuerName: '发文机关名称',
  issuerMark: '发文机关标志',
  docNumberPrefix: '机关代字',
  nextDocNumber: '下一个文号',
  printer: '印发机关',
  defaultCc: '默认抄送',
  signature: '发文机关署名',
};

/** The office's document settings (generic defaults until the office saves its own). */
export function documentSettings(db: Db): DocumentSettings {
  return getSetting(db, KEY, DocumentSettings, DEFAULT_DOCUMENT_SETTINGS);
}

export function saveDocumentSettings(ctx: CoreContext, next: DocumentSettings): void {
  ctx.db.transaction(() => {
    const before = documentSettings(ctx.db);
    const changes = diffFields(before, next, LABELS);
    if (changes.length === 0) return;
    setSetting(ctx.db, KEY, next);
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
