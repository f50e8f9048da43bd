import { z } from 'zod';
import { channel, Empty } from './common';
import { OFFICE_TIME_ZONES, type OfficeTimeZone } from '../domain/officeTime';

/** The person who operates the app: recorded as 操作人 in the audit log. */
export const OperatorName = z
  .string()
  .trim()
  .min(1, '请填写操作人姓名')
  .max(20, '姓名不能超过 20 个字')
  .refine((s) => !/[\r\n\t]/.test(s), '姓名不能包含换行');

export const OperatorInfo = z.object({
  /** Null until the first-start form is filled. */
  name: z.string().nullable(),
  /** The system account, shown as a hint; never recorded once a name is set. */
  account: z.string(),
});
export type OperatorInfo = z.infer<typeof OperatorInfo>;

/** 办公地时区: one of the zones 设置 offers. */
export const OfficeTimeZoneInput = z.enum(Object.keys(OFFICE_TIME_ZONES) as [OfficeTimeZone, ...OfficeTimeZone[]], {
  error: '请从列表中选择办公地时区',
});

export const settingsChannels = {
  'settings.operator': channel('读取操作人', Empty, OperatorInfo),
  'settings.saveOperator': channel('保存操作人', z.object({ name: OperatorName }), OperatorInfo),
  /** Dates (today, 成文日期, audit days, backup names) are the office's from then on; app.info reports the zone. */
  'settings.saveTimeZone': channel('保存办公地时区', z.object({ timeZone: OfficeTimeZoneInput }), z.object({ timeZone: z.string(), today: z.string() })),
};
