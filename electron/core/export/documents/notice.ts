/** A general 通知/报告 written in the editor: body lines with “# ”…“#### ” headings, laid out as a 公文. */
import { NoticeInput } from '../../../../shared/contract/export';
import { TYPED_NUMBER } from '../../../../shared/domain/noticeText';
import type { z } from 'zod';
import type { CoreContext } from '../../context';
import { docNumber } from '../gongwen';
import type { Block, GongwenDocument, HeadingLevel } from '../model';
import { filledDocumentSettings, takeDocNumber } from '../settings';

/** Editor text → blocks: `# 标题` levels 1–4; a level 3/4 heading may carry body text after “。”. */
export function parseNoticeBody(text: string): Block[] {
  const out: Block[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(#{1,4})\s*(.*)$/.exec(line);
    if (!m) {
      out.push({ kind: 'paragraph', text: line });
      continue;
    }
    const level = m[1].length as HeadingLevel;
    const content = m[2].replace(TYPED_NUMBER[level], '');
    const split = level >= 3 ? /^(.+?。)(.+)$/.exec(content) : null;
    out.push(split ? { kind: 'heading', level, text: split[1], body: split[2] } : { kind: 'heading', level, text: content });
  }
  return out;
}

/** The people the archive knows (书记, 指导员, 述职人, 法定代表人, 联系人): no line of a notice cuts their names. */
function knownNames(ctx: CoreContext): string[] {
  return ctx.db
    .prepare(
      `SELECT secretary_name FROM party_orgs WHERE secretary_name IS NOT NULL UNION SELECT name FROM instructors UNION SELECT person FROM debriefers WHERE person IS NOT NULL
       UNION SELECT legal_rep FROM organizations WHERE legal_rep IS NOT NULL UNION SELECT contact_person FROM member_units WHERE contact_person IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
}

/** Each paragraph told the names standing in it (the engine keeps them whole on a line). */
function keepNames(blocks: Block[], names: string[]): Block[] {
  return blocks.map((b) => {
    if (b.kind !== 'paragraph') return b;
    const keep = names.filter((n) => n.length >= 2 && b.text.includes(n));
    return keep.length ? { ...b, keep } : b;
  });
}

/** Builds the notice; `final` takes a real 文号 (export), a preview shows the next one without taking it. */
export function noticeDocument(ctx: CoreContext, input: z.output<typeof NoticeInput>, final: boolean): GongwenDocument {
  const s = filledDocumentSettings(ctx.db);
  const today = ctx.clock.today();
  const number = input.withHeader
    ? final
      ? takeDocNumber(ctx)
      : docNumber(s.docNumberPrefix, Number(today.slice(0, 4)), s.nextDocNumber)
    : undefined;
  const cc = input.cc ?? s.defaultCc;
  const names = knownNames(ctx);
  return {
    title: input.title,
    masthead: input.withHeader ? { mark: s.issuerMark, docNumber: number, signers: input.signers.length ? input.signers : undefined } : undefined,
    mainRecipient: input.mainRecipient || undefined,
    body: keepNames(parseNoticeBody(input.body), names),
    attachmentNames: input.attachments.map((a) => a.name),
    signature: input.signature || s.signature,
    date: input.date ?? today,
    sealed: input.sealed,
    note: input.note || undefined,
    attachments: input.attachments.map((a) => ({ title: a.name, blocks: keepNames(parseNoticeBody(a.body), names) })),
    colophon: input.withHeader ? { cc: cc || undefined, printer: s.printer, printDate: input.date ?? today } : undefined,
  };
}
