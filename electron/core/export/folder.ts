import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { FileOutput } from '../../../shared/contract/common';
import { AppError } from '../errors';
import { numberedName } from './index';

/** A name that is safe as one file in a folder on Windows and Linux: no folders, no reserved characters. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/[. ]+$/, '').trim();
  if (!clean || clean === '.' || clean === '..') throw new AppError('VALIDATION', `压缩包中的文件名“${name}”无效`);
  return clean;
}

function mustBeFolder(dir: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('VALIDATION', `文件夹“${dir}”不存在，请重新选择`);
}

/** An exported file saved into the user's folder: a batch .zip as one file per entry, else the file itself. */
export function saveIntoFolder(file: FileOutput, dir: string): string[] {
  const bytes = Buffer.from(file.base64, 'base64');
  if (file.mime === 'application/zip') return writeZipToFolder(bytes, dir);
  mustBeFolder(dir);
  return [writeNewFile(dir, file.fileName, bytes)];
}

/**
 * A batch .zip written out as one file per entry into `dir` (the user's chosen folder). A file already
 * there is never overwritten: the new one is saved as “名称（2）.docx”. Returns the paths written.
 */
export function writeZipToFolder(zip: Uint8Array, dir: string): string[] {
  mustBeFolder(dir);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    throw new AppError('VALIDATION', '导出的压缩包已损坏，请重新导出');
  }
  return Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => writeNewFile(dir, name, bytes));
}

/** Writes one file into `dir` under a safe form of `name`, as “名称（2）.docx” when that name is taken. */
function writeNewFile(dir: string, name: string, bytes: Uint8Array): string {
  const wanted = safeFileName(name);
  let target = path.join(dir, wanted);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, numberedName(wanted, n));
  fs.writeFileSync(target, bytes, { flag: 'wx' });
  return target;
}
