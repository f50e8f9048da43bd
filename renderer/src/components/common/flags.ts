import type { RuleFlag } from '@shared/domain/rules';

type TagType = 'danger' | 'warning' | 'info';

/** One colour per rule flag: red for what must be fixed now, amber for what is due soon, grey for follow-up. */
export const FLAG_TAG_TYPES: Record<RuleFlag, TagType> = {
  应建未建: 'danger',
  应联建: 'warning',
  无党员: 'info',
  类型不符: 'warning',
  换届到期: 'danger',
  换届临近: 'warning',
  未覆盖: 'info',
};

/** Flags sharing a tag type but needing to be told apart get an extra class (styles.css). */
export const FLAG_CLASSES: Partial<Record<RuleFlag, string>> = { 未覆盖: 'flag-slate' };

export const FLAG_HINTS: Record<RuleFlag, string> = {
  应建未建: '正式党员 3 名以上、在营，尚未建立党组织',
  应联建: '正式党员 1–2 名、在营，应联合组建党组织',
  无党员: '在营、无党员，应选派指导员或联络员',
  类型不符: '党组织类型与正式党员人数不相符',
  换届到期: '党组织任期已届满，应及时换届',
  换届临近: '党组织任期将在 90 天内届满',
  未覆盖: '在营、未建党组织且无在岗指导员/联络员',
};
