import type { FileInput } from '../../../shared/contract';
import { normalizeCode } from '../../../shared/domain/codes';
import { STAR_LABELS, parseStars } from '../../../shared/domain/honours/starRating';
import { chooseLayout, classifyRow } from '../census/layout';
import { readCensusFile } from '../census/read';
import { cleanText } from '../census/values';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { audit, changed, IMPORTED_NOTE } from './common';
import { defaultRatingSettings, roundByYear } from './rating';

const MAX_BYTES = 30 * 1024 * 1024;

/**
 * Last years' results from a spreadsheet (the census importer finds the header): one row per organisation,
 * found by its credit code (or its exact name), with its stars and, if given, its score. The year's round
 * is created closed, since past stars are final. Any row that cannot be used stops the import, named by its
 * row number, and nothing is written.
 */
export function importRatings(ctx: CoreContext, year: number, file: FileInput): { imported: number; roundId: number } {
  const { db } = ctx;
  const existing = roundByYear(db, year);
  if (existing) throw new AppError('CONFLICT', `${year} 年已有评星定级“${existing.name}”，不能再导入：导入只用于补录系统启用前的往年结果`);
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length > MAX_BYTES) throw new AppError('LIMIT', '文件过大（超过 30 MB），请只保留评星结果表');
  const layout = chooseLayout(readCensusFile(bytes, file.name).sheets);
  if (!layout) throw new AppError('VALIDATION', `在“${file.name}”中没有找到表头：表头应含“统一社会信用代码”或“单位名称”，以及“星级”`);
  const col = (re: RegExp) => layout.headers.findIndex((h) => re.test(h.full.replace(/\s/g, '')));
  const codeCol = col(/信用代码|机构代码/);
  const nameCol = col(/名称|单位/);
  const starCol = col(/星级|评定等级|星/);
  const scoreCol = col(/得分|分数|总分/);
  if (starCol < 0) throw new AppError('VALIDATION', `“${file.name}”的表头中没有“星级”列`);
  if (codeCol < 0 && nameCol < 0) throw new AppError('VALIDATION', `“${file.name}”的表头中没有“统一社会信用代码”或“单位名称”列`);

  const byCode = new Map((db.prepare('SELECT id, uscc FROM organizations').all() as { id: number; uscc: string }[]).map((o) => [o.uscc, o.id]));
  const byName = new Map((db.prepare('SELECT id, name FROM organizations').all() as { id: number; name: string }[]).map((o) => [o.name, o.id]));
  const headerTexts = layout.headers.map((h) => h.leaf);
  const keyCols = [codeCol, nameCol].filter((c) => c >= 0);
  const start = Math.max(...layout.headerRows) + 1;
  const rows: { id: number; stars: number; score: number | null; line: number }[] = [];
  const problems: string[] = [];
  const seen = new Set<number>();
  for (let r = start; r < layout.sheet.rows.length; r++) {
    const row = layout.sheet.rows[r];
    if (layout.sheet.hidden.has(r) || classifyRow(row, headerTexts, keyCols) !== 'data') continue;
    const line = r + 1;
    const code = codeCol >= 0 ? normalizeCode(cleanText(row[codeCol] ?? null)) : '';
    const name = nameCol >= 0 ? cleanText(row[nameCol] ?? null) : '';
    const id = (code && byCode.get(code)) || (name && byName.get(name)) || null;
    if (!id) {
      problems.push(`第 ${line} 行：档案中没有“${name || code}”${code ? `（${code}）` : ''}，请先建档或核对代码`);
      continue;
    }
    if (seen.has(id)) {
      problems.push(`第 ${line} 行：“${name || code}”在文件中出现了两次`);
      continue;
    }
    seen.add(id);
    const starsText = cleanText(row[starCol] ?? null);
    const stars = parseStars(starsText);
    if (!stars) {
      problems.push(`第 ${line} 行：星级“${starsText}”无法识别，请写成“四星”“★★★★”或“4”`);
      continue;
    }
    const scoreText = scoreCol >= 0 ? cleanText(row[scoreCol] ?? null).replace(/分$/, '') : '';
    const score = scoreText === '' ? null : Number(scoreText.normalize('NFKC'));
    if (score !== null && !(score >= 0 && score <= 100)) {
      problems.push(`第 ${line} 行：得分“${scoreText}”不是 0 至 100 之间的数`);
      continue;
    }
    rows.push({ id, stars, score, line });
  }
  if (problems.length) {
    throw new AppError('VALIDATION', `有 ${problems.length} 行不能导入，未导入任何数据：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '；……' : ''}`);
  }
  if (rows.length === 0) throw new AppError('VALIDATION', `“${file.name}”中没有可导入的行`);

  const now = ctx.clock.now().toISOString();
  const roundId = db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO rating_rounds (year, name, settings, closed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(year, `${year}年度两新组织党组织评星定级（导入）`, JSON.stringify(defaultRatingSettings(db)), ctx.clock.today(), now, now).lastInsertRowid,
    );
    const ins = db.prepare(
      `INSERT INTO ratings (round_id, organization_id, scores, vetoes, score, stars, explanation, weak_candidate, note, updated_at)
       VALUES (?, ?, '{}', '[]', ?, ?, ?, ?, ?, ?)`,
    );
    for (const x of rows) {
      const explanation = `${x.score === null ? '' : `${Math.round(x.score * 10) / 10}分，`}${STAR_LABELS[x.stars as 1]}（导入自“${file.name}”第${x.line}行）`;
      ins.run(id, x.id, x.score, x.stars, explanation, x.stars === 1 ? 1 : 0, IMPORTED_NOTE, now);
    }
    audit(ctx, 'rating_round', id, `${year}年度评星定级（导入）`, 'import', [{ field: 'ratings', label: '导入评星结果', oldValue: null, newValue: `${rows.length} 个组织，文件“${file.name}”` }]);
    return id;
  })();
  changed(ctx);
  return { imported: rows.length, roundId };
}
