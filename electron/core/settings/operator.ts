import os from 'node:os';
import { z } from 'zod';
import type { OperatorInfo } from '../../../shared/contract/settings';
import type { Db } from '../db/database';
import { getSetting, setSetting } from './settings';

const KEY = 'operator';

/** The operator's name as saved at first start or in 设置; null until then. */
export function operatorName(db: Db): string | null {
  return getSetting(db, KEY, z.string().min(1).nullable(), null);
}

export function saveOperatorName(db: Db, name: string): void {
  setSetting(db, KEY, name);
}

/** The system account: the 操作人 only until a name is saved (CLI scripts, tests). */
export function systemAccount(): string {
  try {
    return os.userInfo().username || '本机用户';
  } catch {
    return '本机用户';
  }
}

export const operatorInfo = (db: Db, account: string): OperatorInfo => ({ name: operatorName(db), account });
