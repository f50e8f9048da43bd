import { describe, expect, it } from 'vitest';
import { parseNoticeBody } from '../../electron/core/export/documents/notice';
import { setLineLevel } from '../../shared/domain/noticeText';

const TEXT = ['现将有关事项通知如下。', '排查范围', '（二）组织覆盖情况', '1.5万元以上的项目逐一核实。'].join('\n');
/** The position just after the first occurrence of `s` in TEXT (a cursor inside that line). */
const after = (s: string) => TEXT.indexOf(s) + s.length;

describe('编辑器的标题级别按钮（setLineLevel）', () => {
  it('只改光标所在的一行，加上该级的 # 号，光标停在这一行末尾', () => {
    const r = setLineLevel(TEXT, after('排查'), 1);
    expect(r.text.split('\n')).toEqual(['现将有关事项通知如下。', '# 排查范围', '（二）组织覆盖情况', '1.5万元以上的项目逐一核实。']);
    expect(r.text.slice(0, r.cursor)).toBe('现将有关事项通知如下。\n# 排查范围');
  });

  it('换一级是替换不是叠加；手写的序号（任何一级）去掉；“正文”改回段落', () => {
    const once = setLineLevel(TEXT, after('排查'), 2).text;
    expect(setLineLevel(once, once.indexOf('排查'), 1).text.split('\n')[1]).toBe('# 排查范围');
    expect(setLineLevel(TEXT, after('（二）组织'), 1).text.split('\n')[2]).toBe('# 组织覆盖情况');
    expect(setLineLevel(once, once.indexOf('排查'), 0).text).toBe(TEXT);
  });

  it('行首是小数时不当作手写序号；第一行、最后一行（没有换行）、空文本都可以', () => {
    expect(setLineLevel(TEXT, TEXT.length, 3).text.split('\n')[3]).toBe('### 1.5万元以上的项目逐一核实。');
    expect(setLineLevel(TEXT, 0, 1).text.split('\n')[0]).toBe('# 现将有关事项通知如下。');
    expect(setLineLevel('', 0, 1)).toEqual({ text: '# ', cursor: 2 });
  });

  it('按钮写出的文本，排版引擎读成对应级别的标题', () => {
    let text = TEXT;
    text = setLineLevel(text, text.indexOf('排查'), 1).text;
    text = setLineLevel(text, text.indexOf('组织覆盖'), 2).text;
    expect(parseNoticeBody(text)).toEqual([
      { kind: 'paragraph', text: '现将有关事项通知如下。' },
      { kind: 'heading', level: 1, text: '排查范围' },
      { kind: 'heading', level: 2, text: '组织覆盖情况' },
      { kind: 'paragraph', text: '1.5万元以上的项目逐一核实。' },
    ]);
  });
});
