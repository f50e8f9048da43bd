import type { Formation, OperatingStatus, PartyOrgType } from '../../../shared/domain/vocab';

/** The words files use for the controlled vocabularies (domain.md), by field. */
export const TYPE_SYNONYMS: Record<string, PartyOrgType> = {
  支部: '党支部',
  独立党支部: '党支部',
  支部委员会: '党支部',
  党支部委员会: '党支部',
  总支: '党总支',
  党总支部: '党总支',
  联合支部: '联合党支部',
  联合党总支: '联合党支部',
  临时支部: '临时党支部',
  党委会: '党委',
};
export const FORMATION_SYNONYMS: Record<string, Formation> = { 单独: '单独组建', 单建: '单独组建', 独立组建: '单独组建', 联合: '联合组建', 联建: '联合组建', 网格: '网格组建', 单独建立: '单独组建', 联合建立: '联合组建', 网格建立: '网格组建' };
export const STATUS_SYNONYMS: Record<string, OperatingStatus> = {
  正常: '在营',
  正常经营: '在营',
  存续: '在营',
  开业: '在营',
  营业: '在营',
  在业: '在营',
  停产: '停业',
  停止经营: '停业',
  已注销: '注销',
  已吊销: '吊销',
  失去联系: '失联',
  联系不上: '失联',
};
export const CATEGORY_SYNONYMS: Record<string, 'enterprise' | 'social'> = {
  非公企业: 'enterprise',
  非公有制企业: 'enterprise',
  企业: 'enterprise',
  民营企业: 'enterprise',
  社会组织: 'social',
  社团: 'social',
  社会团体: 'social',
  民办非企业单位: 'social',
  民非: 'social',
  基金会: 'social',
  社会服务机构: 'social',
};
