import { describe, expect, it } from 'vitest';
import { checkIdCard, checkUscc, maskIdCard, normalizeCode, orgCodeCheckChar, usccCheckChar } from '../../shared/domain/codes';

describe('统一社会信用代码', () => {
  it('accepts a valid code and computes its check character', () => {
    // 91350100M000100Y43 is the standard's published example.
    expect(checkUscc('91350100M000100Y43').status).toBe('ok');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('normalises full-width, lower case, spaces and hyphens before checking', () => {
    expect(normalizeCode(' ９１３５０１００ｍ000-100 y43 ')).toBe('91350100M000100Y43');
    expect(checkUscc('９１３５０１００ｍ000100y43').status).toBe('ok');
  });
  it('reports a wrong length or forbidden letter as a format error', () => {
    const short = checkUscc('91350100M000100Y4');
    expect(short.status).toBe('format');
    expect(checkUscc('91350100M000100Y4O').status).toBe('format');
    expect(checkUscc('913501000000100Y4313').status).toBe('format');
  });
  it('reports a wrong check character as a checksum warning with the expected character', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r.status).toBe('checksum');
    if (r.status === 'checksum') expect(r.expected).toBe('3');
  });
  it('validates fixture codes the expected files call clean', () => {
    expect(checkUscc('91131102AMK98YHM22').status).toBe('ok');
    expect(checkUscc('911311029KP9JRQH40').status).toBe('checksum');
  });
});

describe('组织机构代码 and 身份证号', () => {
  it('computes the GB 11714 check character including X and 0', () => {
    expect(orgCodeCheckChar('D2143569')).toBe('X'); // GB 11714's example D2143569-X
    expect(orgCodeCheckChar('M000100Y')).toBe('4'); // inside 91350100M000100Y43
    expect(orgCodeCheckChar('00000000')).toBe('0'); // 11 → 0
  });
  it('checks an ID number and masks it for lists', () => {
    expect(checkIdCard('11010519491231002X').ok).toBe(true);
    expect(checkIdCard('110105194912310021').ok).toBe(false);
    expect(maskIdCard('11010519491231002X')).toBe('1101**********002X');
  });
});
