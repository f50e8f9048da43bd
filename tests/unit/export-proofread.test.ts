/**
 * The proof-reader's check: every document type, rendered through LibreOffice (../shared/tools/fonts.conf)
 * on the sample data and on content made to stress the breaks (headings near page ends, long titles, long
 * tables), read page by page: no heading ending a page, no 1–2 character line opening a page, no date,
 * code, ID or person's name cut across lines, no word cut inside a table cell, no table header left at a
 * page foot over no row, a merged key repeated only at a page top, one date style, no ASCII ≥ = × : and no typed spaces, no
 * numbered blank page, the 版记 on the last line of an even last page, every ballot titled and unnumbered.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HONOURS_EXPORT_KINDS } from '../../shared/contract/honours';
import { SAMPLE_NOTICE, SAMPLE_REPORT, type DocumentRequest, type NoticeInput } from '../../shared/contract/export';
import type { DebriefingExportKind } from '../../shared/contract/debriefing';
import type { FileOutput } from '../../shared/contract/common';
import { DEMO_STREETS, DEMO_SUFFIXES, DEMO_TRADES, DEMO_WORDS, loadDemo } from '../../electron/core/demo/demo';
import { renderDocx, twoRowHeader, type Block } from '../../electron/core/export';
import { must, testCore } from '../helpers/core';
import { docxParts } from '../helpers/docxXml';
import { atomsWhole, ballotsComplete, cellWordsWhole, colophonAtEnd, documentAtoms, everyDocument, headerNotAlone, mergedKeysAtPageTop, noLoneCellCharacter, noLoneLastLine, noSpacedOutLine, proofread, typedSpaces, type Atoms } from '../helpers/proofread';
import { pdfLayout, type PdfLine, type PdfPage } from '../helpers/render';
import { renderedPdfs } from '../helpers/renderSuite';

const core = testCore({ today: '2026-11-22' });
const bytes: Record<string, Uint8Array> = {};
let names: string[] = [];
let people: string[] = [];
let instructors: string[] = [];

/**
 * The office's terms, written out here (not taken from the engine's word list: the check must be able to
 * fail where the engine's segmenter is wrong), and the words the sample organisations' names are made of.
 */
const TERMS = [
  '两新组织', '两新工委', '两新党组织', '党建指导员', '党建工作指导员', '联络员', '述职评议', '述职报告', '民主测评', '测评表',
  '应建未建', '应联建', '无党员', '类型不符', '换届到期', '换届临近', '未覆盖', '党组织', '党支部', '党总支', '党委', '书记',
  '副书记', '党组织书记', '抓党建', '党建工作', '单独组建', '联合组建', '网格组建', '联合党支部', '临时党支部', '换届届满',
  '集中排查', '整顿', '软弱涣散', '非公企业', '社会组织', '统一社会信用代码', '信用代码', '从业人员', '正式党员', '预备党员',
  '党员', '工作覆盖', '组织覆盖', '覆盖情况', '双强六好', '书记项目', '整改清单', '测评得分', '综合得分', '有限公司',
  '有限责任公司', '股份有限公司', '街道', '指导员', '述职人', '述职单位', '立项', '验收', '表彰', '先进', '示范点',
];
// A trade of two characters is one word (机械); a longer one is two (企业管理|咨询, 酒店|管理) a line may fall between.
const ORG_WORDS = [...DEMO_WORDS, ...DEMO_STREETS, ...DEMO_SUFFIXES, ...DEMO_TRADES.map(([trade]) => trade).filter((t) => t.length === 2)];

/** A document's atoms: the people and codes of the data, what its own text holds, the terms and name words. */
const atoms = (name: string): Atoms => ({ always: [...people, ...documentAtoms(docxParts(bytes[name]).document)], words: [...TERMS, ...ORG_WORDS] });

/** Paragraphs of n full lines (26 + 28 × (n − 1) characters, no punctuation to move the breaks). */
const filler = (n: number) => '两新组织党建工作覆盖情况'.repeat(20).slice(0, 26 + 28 * (n - 1)) + '。';

/**
 * Notices whose second heading falls on each of the last lines of page 1 or 2 (the body starts on line 3,
 * under the title and a blank line): the heading must go over with its text.
 */
function stressNotice(shift: number, withHeader: boolean): NoticeInput {
  const body = ['# 总体要求', ...Array.from({ length: 3 }, () => filler(4)), filler(1 + shift), '# 工作要求', filler(3), '## 具体安排', filler(2), filler(5), '# 其他事项', filler(1), '特此通知。'];
  return {
    title: '关于进一步加强和改进全区非公有制企业和社会组织党建工作推动两新组织高质量发展的通知',
    mainRecipient: '各街道（乡镇）两新组织党委',
    body: body.join('\n'),
    attachments: [],
    withHeader,
  };
}

/** Paragraphs whose last line would hold one or two characters (“数。”), a date and digits among them. */
function shortTails(): NoticeInput {
  const base = '两新组织党建工作覆盖情况'.repeat(20);
  const body = [
    base.slice(0, 26 + 28) + '数。',
    base.slice(0, 26 + 28 * 2 + 1) + '。',
    base.slice(0, 26 + 28 - 9) + '截至2026年11月13日。',
    base.slice(0, 26 + 28 - 4) + '共计123个。',
    '特此通知。',
  ];
  return { title: '关于做好两新组织党建工作的通知', mainRecipient: '各街道（乡镇）两新组织党委', body: body.join('\n'), attachments: [], withHeader: false };
}

/** Paragraphs with people's names where a line would cut them (at the end of the first and of the second line). */
function namesNotice(people: string[]): NoticeInput {
  const base = '两新组织党建工作覆盖情况'.repeat(20);
  const body = people.slice(0, 6).map((name, k) => `${base.slice(0, 25 - (k % 2))}${name}同志${base.slice(0, 26 + (k % 3))}${people[(k + 6) % people.length]}同志负责。`);
  return { title: '关于调整两新组织党建工作联系人的通知', mainRecipient: '各街道（乡镇）两新组织党委', body: [...body, '特此通知。'].join('\n'), attachments: [], withHeader: false };
}

/**
 * A report whose table (a heading, a one-line caption, a two-row header, rows of one and two lines) starts
 * on each of the last lines of page 1: the heading, the caption, the header and the first rows go over
 * together or stay together.
 */
async function stressTable(lines: number): Promise<Uint8Array> {
  const body: Block[] = [{ kind: 'heading', level: 1, text: '基本情况' }];
  for (let left = lines; left > 0; left -= 4) body.push({ kind: 'paragraph', text: filler(Math.min(4, left)) });
  const rows = Array.from({ length: 30 }, (_, i) => [String(i + 1), { text: i % 3 ? '衡水金诺建筑工程有限责任公司' : '桃城区安澜慈善基金会', align: 'left' as const }, '91131102W5NEHX2T91', i % 2 ? '联合党支部' : '党支部', '应建未建']);
  body.push(
    { kind: 'heading', level: 1, text: '名单' },
    { kind: 'paragraph', text: '各组织情况见下表。' },
    { kind: 'table', table: { columns: [1, 6, 4, 2, 2], header: twoRowHeader(['序号', '组织名称', '统一社会信用代码', ['党组织', ['类型', '备注']]]), rows, fontSize: 12 } },
    { kind: 'paragraph', text: '注：党员数为最近一个年度的统计数。' },
  );
  return renderDocx({ title: '关于两新组织党建工作情况的报告', body });
}

/**
 * A table whose 问题 column holds four characters a line (its neighbour, kept whole, takes the rest of the
 * width): greedy breaking leaves 计划性不/强.
 */
function loneCells(): Promise<Uint8Array> {
  const place = '两新组织党建工作覆盖情况'.repeat(3).slice(0, 32);
  const rows = ['发展党员工作计划性不强', '党建活动阵地使用率不高'].map((text) => [place, text]);
  return renderDocx({ title: '问题清单', body: [{ kind: 'table', table: { columns: [6, 1], keepWhole: [true, false], header: [['地点', '问题']], rows, fontSize: 12 } }] });
}

const pdfs = renderedPdfs(core, async () => {
  loadDemo(core.ctx, 300, 7);
  const doc = async (request: DocumentRequest) => Buffer.from((await must(core, 'export.document', { request })).file.base64, 'base64');
  const file = (f: FileOutput) => Buffer.from(f.base64, 'base64');
  const org = (await must(core, 'orgs.list', { partyOrg: 'built', limit: 1 })).rows[0];
  bytes.ledger = await doc({ kind: 'ledger', filter: {} });
  bytes.orgCard = await doc({ kind: 'orgCard', orgIds: [org.id] });
  bytes.unbuilt = await doc({ kind: 'unbuilt' });
  bytes.coverage = await doc({ kind: 'coverage' });
  bytes.notice = await doc({ kind: 'notice', notice: SAMPLE_NOTICE });
  bytes.sealed = await doc({ kind: 'notice', notice: { ...SAMPLE_NOTICE, sealed: true } });
  bytes.report = await doc({ kind: 'notice', notice: SAMPLE_REPORT });
  bytes.shortTails = await doc({ kind: 'notice', notice: shortTails() });
  const secretaries = core.ctx.db.prepare("SELECT DISTINCT secretary_name FROM party_orgs WHERE length(secretary_name) = 3 ORDER BY secretary_name").pluck().all() as string[];
  bytes.stressNames = await doc({ kind: 'notice', notice: namesNotice(secretaries) });
  for (const shift of [0, 1, 2, 3]) bytes[`stress${shift}`] = await doc({ kind: 'notice', notice: stressNotice(shift, false) });
  for (const shift of [0, 2, 5, 9]) bytes[`stressHead${shift}`] = await doc({ kind: 'notice', notice: stressNotice(shift, true) });
  for (const lines of [12, 14, 16, 18]) bytes[`stressTable${lines}`] = await stressTable(lines);
  bytes.loneCells = await loneCells();
  bytes.instructorNotice = file(await must(core, 'instructors.exportNotice', {}));
  bytes.roster = file(await must(core, 'instructors.exportRoster', {}));
  const instructor = core.ctx.db.prepare('SELECT instructor_id FROM instructor_visits GROUP BY instructor_id ORDER BY COUNT(*) DESC LIMIT 1').pluck().get() as number;
  bytes.visits = file(await must(core, 'instructors.exportVisits', { instructorId: instructor, from: '2020-01-01', to: '2026-11-22' }));
  const kinds: DebriefingExportKind[] = ['plan', 'ballot-form', 'ballot-summary', 'debriefing-results', 'rectification-list', 'report-compilation'];
  for (const kind of kinds) bytes[kind] = file(await must(core, 'debriefing.export', { kind, year: 2025 }));
  for (const kind of HONOURS_EXPORT_KINDS) {
    const r = await core.invoke('rating.export', { kind, year: 2026 });
    if (!r.ok) continue;
    const f = r.data as FileOutput;
    // A batch (立项书, one a project) comes as a .zip: its first document stands for the rest.
    bytes[kind] = f.fileName.endsWith('.zip') ? Object.values(unzipSync(file(f)))[0] : file(f);
  }
  names = [
    ...(core.ctx.db.prepare('SELECT DISTINCT secretary_name FROM party_orgs WHERE secretary_name IS NOT NULL').pluck().all() as string[]),
    ...(core.ctx.db.prepare('SELECT DISTINCT person FROM debriefers WHERE person IS NOT NULL').pluck().all() as string[]),
    ...(core.ctx.db.prepare('SELECT DISTINCT name FROM instructors').pluck().all() as string[]),
  ].filter((n) => n.length >= 2);
  instructors = core.ctx.db.prepare('SELECT DISTINCT name FROM instructors').pluck().all() as string[];
  // Everyone and every code or phone number the documents may print.
  people = [
    ...names,
    ...(core.ctx.db.prepare("SELECT legal_rep FROM organizations WHERE legal_rep <> '' UNION SELECT contact_person FROM member_units WHERE contact_person <> ''").pluck().all() as string[]),
    ...(core.ctx.db.prepare("SELECT uscc FROM organizations WHERE uscc <> '' UNION SELECT phone FROM organizations WHERE phone <> '' UNION SELECT phone FROM instructors WHERE phone <> ''").pluck().all() as string[]),
  ];
  return bytes;
});

const laidOut = new Map<string, PdfPage[]>();
const pages = (name: string): PdfPage[] => laidOut.get(name) ?? laidOut.set(name, pdfLayout(pdfs[name])).get(name)!;

describe('proof-reader check (rendered, page by page)', () => {
  it('renders every document type, the honours documents included', () => {
    for (const name of ['ledger', 'orgCard', 'unbuilt', 'coverage', 'notice', 'instructorNotice', 'roster', 'visits', 'plan', 'ballot-form', 'report-compilation']) expect(pdfs[name], name).toBeTruthy();
    expect(HONOURS_EXPORT_KINDS.filter((k) => pdfs[k]).length).toBeGreaterThanOrEqual(3);
    expect(names.length).toBeGreaterThan(20);
  });

  it('every document: headings with their text, no short line opening a page, nothing cut, one date style, official wording', () => {
    const problems = Object.keys(pdfs).flatMap((name) => [
      ...proofread(pages(name), everyDocument(atoms(name), docxParts(bytes[name]).document)).map((p) => `${name} ${p}`),
      ...proofread(pages(name), [cellWordsWhole(docxParts(bytes[name]).document, atoms(name)), headerNotAlone(docxParts(bytes[name]).document)]).map((p) => `${name} ${p}`),
      ...typedSpaces(docxParts(bytes[name]).document).map((p) => `${name} ${p}`),
    ]);
    expect(problems).toEqual([]);
  });

  it('the stressed notices really put a heading near a page end, and it went over with its text', () => {
    // Without keep-with-next one of the shifts leaves “二、工作要求” as a page's last line; with it, the
    // heading's page always holds its first lines too.
    for (const shift of [0, 1, 2, 3]) {
      const p = pages(`stress${shift}`);
      const at = p.findIndex((page) => page.lines.some((l) => l.text === '二、工作要求'));
      const lines = p[at].lines.filter((l) => !/^—\d+—$/.test(l.text.replace(/\s/g, '')));
      const i = lines.findIndex((l) => l.text === '二、工作要求');
      expect(lines.length - i, `stress${shift}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('merged keys (the instructor notice’s 序号 and 姓名): repeated only as the first key of a page, and some are', () => {
    const p = pages('instructorNotice');
    expect(proofread(p, [mergedKeysAtPageTop(instructors)])).toEqual([]);
    // The list runs over several pages and a person's rows go on to the next: the key is printed again there.
    const keys = p.map((page) => page.lines.flatMap((l) => l.words).filter((w) => instructors.includes(w.text)).sort((a, b) => a.yMin - b.yMin)[0]?.text);
    expect(keys.some((k, i) => k && i > 0 && p.slice(0, i).some((q) => q.lines.some((l) => l.words.some((w) => w.text === k))))).toBe(true);
  });

  it('the checks catch what they read: a header over no row, a word cut in a cell, a key repeated mid-page, a lone last line', () => {
    const line = (text: string, y: number, x = 100): PdfLine => ({ text, xMin: x, xMax: x + 20 * text.length, yMin: y, yMax: y + 15.6, words: [{ text, xMin: x, xMax: x + 20 * text.length, yMin: y, yMax: y + 15.6 }] });
    const page = (...lines: PdfLine[]): PdfPage => ({ width: 595, height: 842, lines });
    const xml = (rows: string[][], header = 1) =>
      `<w:tbl><w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="1"/></w:tblGrid>${rows.map((r, i) => `<w:tr>${i < header ? '<w:tblHeader/>' : ''}${r.map((c) => `<w:tc>${c.split('/').map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join('')}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
    const doc = xml([['序号', '组织名称'], ['1', '整顿方案']]);
    expect(headerNotAlone(doc)([page(line('正文最后一行。', 600), line('序号组织名称', 740)), page(line('序号组织名称', 110), line('1整顿方案', 130))])).toHaveLength(1);
    expect(headerNotAlone(doc)([page(line('序号组织名称', 700), line('1整顿方案', 720)), page(line('序号组织名称', 110))])).toEqual([]);
    const terms: Atoms = { always: ['黄振华'], words: ['整顿方案'] };
    expect(cellWordsWhole(doc, terms)([page(line('序号组织名称', 110), line('1整顿方', 130), line('案', 147))])).toEqual([expect.stringContaining('“整顿方案”被排版软件再次折行')]);
    expect(cellWordsWhole(xml([['序号', '组织名称'], ['1', '整顿方/案']]), terms)([page(line('序号组织名称', 110), line('1整顿方', 130), line('案', 147))])).toEqual([expect.stringContaining('“整顿方案”被引擎断在两行')]);
    // On the pages: a name cut anywhere, a term cut where the engine broke the line (a cell's 12 pt line),
    // not where the word processor wrapped a full line of body text (16 pt, to the right edge).
    const body = (text: string, y: number, x = 90): PdfLine => ({ ...line(text, y, x), xMax: 508, yMax: y + 20.8 });
    expect(atomsWhole(terms)([page(body('各单位黄振', 110), body('华同志', 140))])).toEqual([expect.stringContaining('“黄振华”被拆在两行')]);
    expect(atomsWhole(terms)([page(body('开展整顿方', 110), body('案的制定', 140))])).toEqual([]);
    expect(atomsWhole(terms)([page(line('1整顿方', 130), line('案', 147))])).toEqual([expect.stringContaining('“整顿方案”被拆在两行')]);
    // 17 characters spread over a full line (26 em) are sent back; a full line of 28 is not.
    expect(noSpacedOutLine([page({ ...body('述职评议工作于2025年11月10日开始，', 110, 100), xMax: 508 }, body('甲'.repeat(28), 140))])).toEqual([expect.stringContaining('字距拉开')]);
    expect(noSpacedOutLine([page({ ...body('甲'.repeat(28), 110), xMin: 60, xMax: 508 })])).toEqual([]);
    expect(mergedKeysAtPageTop(['张三'])([page(line('张三', 130), line('李四', 200), line('张三', 300))])).toHaveLength(1);
    expect(mergedKeysAtPageTop(['张三'])([page(line('张三', 130)), page(line('张三', 130), line('李四', 200))])).toEqual([]);
    expect(noLoneLastLine([page(line('序号组织名称', 110), line('300某协会', 700)), page(line('注：共300个组织。', 110), line('—14—', 800))])).toHaveLength(1);
    // A cell line of one character, the engine's (计划性不/强), not the author's own one-character line.
    expect(noLoneCellCharacter(xml([['序号', '问题'], ['1', '发展党员/计划性不/强']]))([page(line('计划性不', 130))])).toEqual(['第 1 页：表格单元格一行只有“强”（计划性不/强）']);
    expect(noLoneCellCharacter(xml([['序号', '问题'], ['1', '发展党员/计划性/不强'], ['2', '是']]))([page(line('计划性', 130))])).toEqual([]);
    expect(noLoneLastLine([page(line('正文。', 110)), page(line('抄送：区委组织部。', 700), line('中共桃城区两新工委办公室2026年11月22日印发', 730))])).toEqual([]);
  });

  it('版记: its last line on the last line of the last page, an even one, numbered as any page unless a blank page stands before it (then neither is)', () => {
    const withColophon = Object.keys(pdfs).filter((name) => pages(name).some((p) => p.lines.some((l) => /\d+年\d+月\d+日印发$/.test(l.text))));
    expect(withColophon).toEqual(expect.arrayContaining(['notice', 'report', 'plan', 'instructorNotice', 'stressHead0', 'stressHead9']));
    const problems = withColophon.flatMap((name) => colophonAtEnd(pages(name)).map((p) => `${name} ${p}`));
    expect(problems).toEqual([]);
    // Sharing the text's last page when it is even and roomy: at least one of the stressed notices does.
    const shared = withColophon.filter((name) => {
      const p = pages(name);
      return p.at(-1)!.lines.some((l) => l.text.startsWith('特此通知') || l.text === '2026年11月22日');
    });
    expect(shared.length).toBeGreaterThan(0);
  });

  it('ballots: one page each, titled 民主测评表, naming the unit and the person, without a page number', () => {
    const p = pages('ballot-form');
    expect(p.length).toBe(core.ctx.db.prepare('SELECT COUNT(*) FROM debriefers d JOIN debriefing_cycles c ON c.id = d.cycle_id WHERE c.year = 2025').pluck().get());
    expect(ballotsComplete(p)).toEqual([]);
  });

  it('the 300-organisation ledger at 小四: at least 16 organisations on a full page (31 pages before, now at most 16)', () => {
    const p = pages('ledger');
    expect(p.length).toBeLessThanOrEqual(16);
    for (const page of p.slice(1, -1)) {
      // One credit code a row.
      const rows = page.lines.flatMap((l) => l.text.match(/[0-9A-Z]{18}/g) ?? []);
      expect(rows.length).toBeGreaterThanOrEqual(16);
    }
  });
});
