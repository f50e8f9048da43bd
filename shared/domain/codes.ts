/** Code checks from domain.md: 统一社会信用代码 (GB 32100), 组织机构代码 (GB 11714), 身份证号 (GB 11643). */

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Trim, full-width → half-width, drop inner spaces and hyphens, upper-case. */
export function normalizeCode(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000\-－—_]/g, '')
    .toUpperCase();
}

export type UsccCheck =
  | { status: 'ok'; code: string }
  | { status: 'format'; code: string; message: string }
  | { status: 'checksum'; code: string; message: string; expected: string };

/** Format errors are hard errors; a checksum failure is a warning the user may accept. */
export function checkUscc(raw: string): UsccCheck {
  const code = normalizeCode(raw);
  if (/^\d{15}$/.test(code)) {
    return {
      status: 'format',
      code,
      message: '这是 15 位的旧工商注册号，不是 18 位统一社会信用代码。请按名称在国家企业信用信息公示系统（或营业执照）查到统一社会信用代码后填入',
    };
  }
  if (code.length !== 18) {
    return { status: 'format', code, message: `统一社会信用代码应为 18 位，当前为 ${code.length} 位` };
  }
  const bad = [...code].find((c) => !USCC_ALPHABET.includes(c));
  if (bad) {
    return { status: 'format', code, message: `统一社会信用代码含有不允许的字符“${bad}”（不使用 I、O、S、V、Z）` };
  }
  const orgCode = code.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(orgCode)) {
    return { status: 'format', code, message: '统一社会信用代码第 9–17 位（组织机构代码）格式不正确' };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    return { status: 'checksum', code, expected, message: `统一社会信用代码校验位不符：末位应为“${expected}”，实为“${code[17]}”` };
  }
  return { status: 'ok', code };
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** 组织机构代码 check character for the 8-character body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_CODE_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export type IdCardCheck = { ok: true; code: string } | { ok: false; code: string; message: string };

export function checkIdCard(raw: string): IdCardCheck {
  const code = normalizeCode(raw);
  if (!/^\d{17}[\dX]$/.test(code)) return { ok: false, code, message: '身份证号码应为 18 位，前 17 位为数字，末位为数字或 X' };
  const expected = idCardCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { ok: false, code, message: `身份证号码校验位不符：末位应为“${expected}”` };
  return { ok: true, code };
}

/** Lists show 1101********1234, never the whole number. */
export function maskIdCard(code: string | null | undefined): string {
  if (!code) return '';
  if (code.length <= 8) return '*'.repeat(code.length);
  return code.slice(0, 4) + '*'.repeat(code.length - 8) + code.slice(-4);
}

/** A mainland mobile or landline number, loosely: digits with optional area code and hyphen. */
export function isPhone(raw: string): boolean {
  const s = raw.normalize('NFKC').replace(/\s/g, '');
  return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^\d{7,8}$/.test(s);
}
