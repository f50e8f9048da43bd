import * as XLSX from '@e965/xlsx';
import type { FileOutput } from '../../../shared/contract';
import type { CensusPreview } from '../../../shared/contract/census';
import type { Db } from '../db/database';
import { safeCell } from '../export/sheetCell';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The office's census header: groups over columns, as the street offices receive it. */
const GROUPS: { title: string; columns: string[] }[] = [
  { title: '', columns: ['序号'] },
  {
    title: '基本情况',
    columns: ['企业（社会组织）名称', '统一社会信用代码', '组织类别', '所属行业', '所在街道（乡镇）', '所在园区/楼宇', '详细地址', '法定代表人（负责人）', '联系电话', '从业人员数'],
  },
  { title: '党员情况', columns: ['正式党员数', '预备党员数'] },
  { title: '党组织情况', columns: ['是否建立党组织', '党组织类型', '组建方式', '党组织书记', '党建指导员'] },
  { title: '', columns: ['经营状态'] },
  { title: '', columns: ['备注'] },
];
const WIDTH = GROUPS.reduce((n, g) => n + g.columns.length, 0);

const toFile = (wb: XLSX.WorkBook, fileName: string): FileOutput => ({
  fileName,
  mime: XLSX_MIME,
  base64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer).toString('base64'),
});

/** Blank template (or the current data in it) with title, 填报单位 line, two-row merged header and footnotes. */
export function censusTemplate(db: Db, year: number, withData: boolean): FileOutput {
  const top: string[] = [];
  const sub: string[] = [];
  const merges: XLSX.Range[] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: WIDTH - 1 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: WIDTH - 1 } },
  ];
  for (const g of GROUPS) {
    const c0 = top.length;
    g.columns.forEach((col, i) => {
      top.push(g.title ? (i === 0 ? g.title : '') : col);
      sub.push(g.title ? col : '');
    });
    if (g.title) merges.push({ s: { r: 2, c: c0 }, e: { r: 2, c: top.length - 1 } });
    else merges.push({ s: { r: 2, c: c0 }, e: { r: 3, c: c0 } });
  }
  const aoa: unknown[][] = [[`${year}年度两新组织党建工作摸排统计表`], ['填报单位（盖章）：                    填报日期：    年  月  日'], top, sub];
  if (withData) {
    const rows = db
      .prepare(
        `SELECT o.name, o.uscc, o.category, o.industry, o.street, o.park, o.address, o.legal_rep, o.phone, o.employees, o.operating_status,
                p.built, p.type, p.formation, p.secretary_name, m.full_members, m.probationary_members,
                (SELECT instructor FROM census_records r WHERE r.organization_id = o.id ORDER BY year DESC LIMIT 1) AS instructor
         FROM organizations o LEFT JOIN party_orgs p ON p.organization_id = o.id
         LEFT JOIN member_counts m ON m.organization_id = o.id AND m.year = (SELECT MAX(year) FROM member_counts WHERE organization_id = o.id)
         WHERE o.dissolved_at IS NULL ORDER BY o.street, o.name`,
      )
      .all() as Record<string, string | number | null>[];
    rows.forEach((r, i) =>
      aoa.push(
        [
          i + 1,
          r.name,
          r.uscc,
          r.category === 'social' ? '社会组织' : '非公企业',
          r.industry,
          r.street,
          r.park,
          r.address,
          r.legal_rep,
          r.phone,
          r.employees,
          r.full_members ?? 0,
          r.probationary_members ?? 0,
          r.built ? '是' : '否',
          r.built ? r.type : null,
          r.built ? r.formation : null,
          r.built ? r.secretary_name : null,
          r.instructor,
          r.operating_status,
          null,
        ].map(safeCell),
      ),
    );
  }
  const foot = aoa.length;
  aoa.push(['注：1. 统一社会信用代码须填写18位，社会组织填写登记证书上的代码。'], ['2. 党员数按组织关系所在统计，不含流动党员。'], ['填表人：                审核人：                 联系电话：']);
  for (let r = foot; r < foot + 3; r++) merges.push({ s: { r, c: 0 }, e: { r, c: WIDTH - 1 } });
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = merges;
  ws['!cols'] = [6, 30, 22, 10, 16, 14, 14, 30, 14, 14, 10, 10, 10, 12, 12, 10, 10, 10, 10, 12].map((wch) => ({ wch }));
  // The code column is text, so Excel never turns an 18-digit code into a rounded number.
  for (let r = 4; r < foot; r++) {
    const a = XLSX.utils.encode_cell({ r, c: 2 });
    if (ws[a]) ws[a].z = '@';
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '摸排表');
  return toFile(wb, withData ? `${year}年度摸排表（现有数据）.xlsx` : `${year}年度摸排表（空白模板）.xlsx`);
}

/** The rejected and warned rows with their reasons, to send back to the street office. */
export function problemRows(preview: CensusPreview): FileOutput {
  const aoa: unknown[][] = [['原表行号', '处理结果', '列', '问题说明', '企业（社会组织）名称', '统一社会信用代码']];
  for (const r of preview.rows) {
    if (r.outcome === 'accept') continue;
    for (const i of [...r.errors, ...r.warnings]) {
      aoa.push([r.row, r.errors.includes(i) ? '未导入' : '警告', i.column, i.reason, r.values.name ?? '', r.values.uscc ?? ''].map(safeCell));
    }
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!cols'] = [8, 10, 22, 60, 30, 22].map((wch) => ({ wch }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '问题行');
  return toFile(wb, `${preview.fileName.replace(/\.[^.]+$/, '')}-问题行.xlsx`);
}
