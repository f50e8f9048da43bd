/** Builds the requested document, previews it as HTML or exports it as .docx (.zip for a batch of cards). */
import { DOCUMENT_KIND_LABELS, DocumentRequest } from '../../../shared/contract/export';
import type { FileOutput } from '../../../shared/contract/common';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { coverageDocument } from './documents/coverage';
import { ledgerDocument } from './documents/ledger';
import { noticeDocument } from './documents/notice';
import { loadOrgCard } from './documents/orgCard';
import { safeFileName } from './documents/common';
import { unbuiltDocument } from './documents/unbuilt';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { toFileOutput, zipFiles } from './index';
import type { GongwenDocument } from './model';

type Request = z.output<typeof DocumentRequest>;

/** Largest ledger the preview shows in full; beyond it the preview shows the first rows and says so. */
const PREVIEW_ROWS = 200;

/** One document of the request (a batch of cards previews its first card). */
function buildOne(ctx: CoreContext, r: Request, final: boolean): { doc: GongwenDocument; count: number; name: string } {
  switch (r.kind) {
    case 'ledger':
      return { ...ledgerDocument(ctx, r.filter), name: DOCUMENT_KIND_LABELS.ledger };
    case 'orgCard': {
      const card = loadOrgCard(ctx, r.orgIds[0]);
      return { doc: card.doc, count: 1, name: `${card.name}党建档案卡` };
    }
    case 'unbuilt':
      return { ...unbuiltDocument(ctx), name: DOCUMENT_KIND_LABELS.unbuilt };
    case 'coverage':
      return { ...coverageDocument(ctx), name: DOCUMENT_KIND_LABELS.coverage };
    case 'notice': {
      const doc = noticeDocument(ctx, r.notice, final);
      return { doc, count: 1, name: doc.title };
    }
  }
}

export function previewDocument(ctx: CoreContext, r: Request): { title: string; html: string; note: string | null } {
  const { doc } = buildOne(ctx, r, false);
  const notes: string[] = [];
  const table = doc.body.find((b) => b.kind === 'table');
  if (table?.kind === 'table' && table.table.rows.length > PREVIEW_ROWS) {
    notes.push(`预览只显示前 ${PREVIEW_ROWS} 行，导出的文件包含全部 ${table.table.rows.length} 行。`);
    table.table.rows = table.table.rows.slice(0, PREVIEW_ROWS);
  }
  if (r.kind === 'orgCard' && r.orgIds.length > 1) notes.unshift(`共选择 ${r.orgIds.length} 个组织，预览第一张档案卡；导出为一个 .zip，每个组织一个文件。`);
  return { title: doc.title, html: renderHtml(doc), note: notes.length ? notes.join('') : null };
}

export async function exportDocument(ctx: CoreContext, r: Request, jobId?: string): Promise<{ file: FileOutput; count: number }> {
  const job = jobId ? ctx.jobs.start(jobId) : null;
  const date = ctx.clock.today();
  try {
    if (r.kind === 'orgCard' && r.orgIds.length > 1) {
      const files: { fileName: string; bytes: Uint8Array }[] = [];
      for (const [i, id] of r.orgIds.entries()) {
        if (job?.signal.aborted) throw new AppError('CANCELLED', '已取消导出');
        job?.progress('writing', '正在生成档案卡', i, r.orgIds.length);
        const card = loadOrgCard(ctx, id);
        files.push({ fileName: `${safeFileName(card.name)}党建档案卡.docx`, bytes: await renderDocx(card.doc) });
      }
      job?.progress('packing', '正在打包', r.orgIds.length, r.orgIds.length);
      return { file: toFileOutput(`${DOCUMENT_KIND_LABELS.orgCard}（${r.orgIds.length}个）_${date}.zip`, zipFiles(files)), count: files.length };
    }
    job?.progress('reading', '正在读取档案', 0, 1);
    const { doc, count, name } = buildOne(ctx, r, true);
    job?.progress('writing', '正在生成 Word 文档', 0, 1);
    const bytes = await renderDocx(doc);
    job?.progress('done', '已完成', 1, 1);
    return { file: toFileOutput(`${safeFileName(name)}_${date}.docx`, bytes), count };
  } finally {
    job?.end();
  }
}
