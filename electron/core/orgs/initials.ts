import { pinyin } from 'pinyin-pro';

/** Pinyin initials for search: 衡水恒泰 → "hsht"; latin letters and digits kept, lower-cased. */
export function nameInitials(name: string): string {
  const chars = pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return chars
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
