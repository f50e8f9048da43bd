import { orgCodeCheckChar, usccCheckChar } from '../../../shared/domain/codes';
import type { Random } from './random';

const BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid-looking credit code: department + type + region + organisation code + check character. */
export function makeUscc(rnd: Random, dept: '9' | '5', type: string, region = '131102'): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += BODY[rnd.int(0, BODY.length - 1)];
  const first17 = dept + type + region + body + orgCodeCheckChar(body);
  return first17 + usccCheckChar(first17);
}
