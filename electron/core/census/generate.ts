import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { DEMO_STREETS } from '../demo/demo';
import { seededRandom } from '../demo/random';
import { makeUscc } from '../demo/uscc';

/**
 * Census files of any size in the same messy shape as the street offices' (title, 填报单位 line, two-row
 * merged header, 12人 / full-width digits / √×, lower-case codes, a few bad rows, footnotes).
 * For the bench and tests; `npx tsx scripts/gen-census.ts` writes one to disk.
 */
export interface GenerateOptions {
  rows: number;
  seed?: number;
  format?: 'xlsx' | 'xls' | 'csv-gbk' | 'csv-utf8';
  year?: number;
}

const TOP = ['序号', '基本情况', '', '', '', '', '', '', '', '', '', '党员情况', '', '党组织情况', '', '', '', '', '经营状态', '备注'];
const SUB = ['', '企业（社会组织）名称', '统一社会信用代码', '组织类别', '所属行业', '所在街道（乡镇）', '所在园区/楼宇', '详细地址', '法定代表人（负责人）', '联系电话', '从业人员数', '正式党员数', '预备党员数', '是否建立党组织', '党组织类型', '组建方式', '党组织书记', '党建指导员', '', ''];
const WORDS = ['盛世', '汇丰', '桃城', '蓝天', '绿源', '永昌', '衡达', '恒泰', '康宁', '明德', '金鼎', '诚信', '东方', '瑞丰', '佳和', '中科', '正和', '宏远'];
const TRADES = [
  ['机械', '制造业'],
  ['物流', '交通运输、仓储和邮政业'],
  ['软件', '信息传输、软件和信息技术服务业'],
  ['置业', '房地产业'],
  ['商贸', '批发和零售业'],
] as const;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰'];
const FULL = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export function generateCensusRows(opts: GenerateOptions): (string | number | null)[][] {
  const rnd = seededRandom(opts.seed ?? 1);
  const year = opts.year ?? 2026;
  const aoa: (string | number | null)[][] = [[`桃城区${year}年度两新组织党建工作摸排统计表`], ['填报单位（盖章）：桃城区委两新工委          填报日期：' + `${year}年10月28日`], TOP, SUB];
  const codes: string[] = [];
  for (let i = 1; i <= opts.rows; i++) {
    const social = rnd.chance(0.15);
    let code = makeUscc(rnd, social ? '5' : '9', '1');
    codes.push(code);
    const [trade, industry] = rnd.pick(TRADES);
    const name = social ? `桃城区${rnd.pick(WORDS)}${rnd.pick(WORDS)}协会${i}` : `衡水${rnd.pick(WORDS)}${rnd.pick(WORDS)}${trade}有限公司${i}`;
    const employees = rnd.int(3, 400);
    const members = rnd.chance(0.5) ? 0 : rnd.int(1, Math.min(employees, 30));
    const built = members >= 3 || (members > 0 && rnd.chance(0.4));
    let emp: string | number = employees;
    let mem: string | number = members;
    let yes: string = built ? '是' : '否';
    // The messy bits, at the same rates as the fixtures.
    const k = i % 50;
    if (k === 3) code = ` ${code.toLowerCase()} `;
    if (k === 8) code = FULL(code);
    if (k === 13) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0'); // checksum warning (or a valid code by chance)
    if (k === 18) emp = `${employees}人`;
    if (k === 23) mem = FULL(String(members));
    if (k === 28) yes = built ? '√' : '×';
    if (k === 33) emp = `${employees}.0`;
    aoa.push([
      i,
      k === 38 ? null : name,
      k === 43 && i > 10 ? codes[i - 8] : code,
      social ? '社会组织' : '非公企业',
      industry,
      rnd.pick(DEMO_STREETS),
      null,
      `衡水市桃城区人民路${rnd.int(1, 999)}号`,
      rnd.pick([...SURNAMES]) + rnd.pick(GIVEN),
      `1${rnd.int(3, 9)}${String(rnd.int(0, 999_999_999)).padStart(9, '0')}`,
      emp,
      mem,
      built ? rnd.int(0, 2) : 0,
      yes,
      built ? (members >= 3 ? '党支部' : '联合党支部') : null,
      built ? (members >= 3 ? '单独组建' : '联合组建') : null,
      built ? rnd.pick([...SURNAMES]) + rnd.pick(GIVEN) : null,
      built ? null : rnd.pick([...SURNAMES]) + rnd.pick(GIVEN),
      '在营',
      null,
    ]);
  }
  aoa.push(['注：1. 统一社会信用代码须填写18位，社会组织填写登记证书上的代码。'], ['2. 党员数按组织关系所在统计，不含流动党员。'], ['填表人：                审核人：                 联系电话：']);
  return aoa;
}

/** The file's bytes and a suitable file name. */
export function generateCensusFile(opts: GenerateOptions): { bytes: Uint8Array; fileName: string } {
  const aoa = generateCensusRows(opts);
  const format = opts.format ?? 'xlsx';
  const base = `摸排-${opts.rows}行`;
  if (format === 'csv-gbk' || format === 'csv-utf8') {
    const text = aoa.map((r) => r.map((c) => (c === null ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\r\n');
    const bytes = format === 'csv-gbk' ? iconv.encode(text, 'gb18030') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    return { bytes: new Uint8Array(bytes), fileName: `${base}.csv` };
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 19 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: 19 } },
    { s: { r: 2, c: 1 }, e: { r: 2, c: 10 } },
    { s: { r: 2, c: 11 }, e: { r: 2, c: 12 } },
    { s: { r: 2, c: 13 }, e: { r: 2, c: 17 } },
    { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
    { s: { r: 2, c: 18 }, e: { r: 3, c: 18 } },
    { s: { r: 2, c: 19 }, e: { r: 3, c: 19 } },
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '摸排表');
  const bookType = format === 'xls' ? 'biff8' : 'xlsx';
  return { bytes: new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType, compression: true }) as Buffer), fileName: `${base}.${format}` };
}
