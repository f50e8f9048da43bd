import { z } from 'zod';
import { MAX_FILE_BYTES } from './limits';

// Generic validation messages in Chinese, like everything else the user reads. A number too large for a
// double (1e999 arrives as Infinity) or NaN is a number to zod's locale ("期望 数字，实际接收 数字"): say what it is.
z.config({
  ...z.locales.zhCN(),
  customError: (iss) =>
    iss.code === 'invalid_type' && iss.expected === 'number' && typeof iss.input === 'number'
      ? Number.isNaN(iss.input)
        ? '不是有效的数字，请填写数字，如 12'
        : `数字超出范围（${iss.input > 0 ? '' : '-'}∞），请填写一个正常大小的数字，如 12`
      : undefined,
});

/** Error codes every channel may return; messages are Chinese and say what to fix. */
export const ERROR_CODES = [
  'INVALID_INPUT', // input failed the channel's schema
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT', // e.g. duplicate credit code
  'VALIDATION', // domain validation failed (field-level details attached)
  'FORBIDDEN', // sender or token not allowed
  'CANCELLED',
  'LIMIT', // file too large, too slow, too many rows
  'UNSUPPORTED_FILE',
  'DB_VERSION', // database newer than the app
  'LOCKED', // database encrypted and not unlocked, or wrong passphrase
  'DAMAGED', // database or backup file fails its integrity check
  'SETTINGS_INCOMPLETE', // an export while the office's document settings still hold the ×× placeholder (the UI offers 设置)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  field: string;
  message: string;
  /** A warning the user may accept (e.g. a credit-code checksum failure); errors cannot be accepted. */
  warning?: boolean;
}

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

/** A channel: a zod schema for what goes in, one for what comes out (the latter gives the type). */
export interface Channel<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Human label for logs and audit, in Chinese. */
  title: string;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(title: string, input: I, output: O): Channel<I, O> => ({
  title,
  input,
  output,
});

/** Shared field schemas. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const year = z.number().int().min(1949, '年份不早于 1949').max(2100, '年份不晚于 2100');
export const id = z.number().int().positive();
/** Says how long the value is now, so an over-long one (from an import or a restore) can be shortened to fit. */
const tooLong = (what: string, max: number) => ({
  error: (iss: { input?: unknown }) => `${what}不能超过 ${max} 个字${typeof iss.input === 'string' ? `（现有 ${iss.input.length} 字，请删减）` : ''}`,
});
export const nonEmpty = (label: string, max = 200) => z.string().trim().min(1, `${label}不能为空`).max(max, tooLong(label, max));
export const optionalText = (max = 500) => z.string().trim().max(max, tooLong('', max)).nullable().optional();

export { MAX_FILE_BYTES };

/** A file carried across the boundary: name + base64 bytes (renderer reads it with the File API). */
export const FileInput = z.object({
  name: z.string().min(1).max(260),
  base64: z.string().max(Math.ceil(MAX_FILE_BYTES / 3) * 4, `文件过大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）`),
});
export type FileInput = z.infer<typeof FileInput>;

/** A file produced by the core for the user to save. */
export const FileOutput = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
});
export type FileOutput = z.infer<typeof FileOutput>;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
