import fs from 'node:fs';
import path from 'node:path';
import type { FileOutput } from '../../shared/contract';
import { MAX_FILE_BYTES } from '../../shared/contract/common';
import { saveIntoFolder } from '../core/export/folder';
import { readAtMost } from '../core/files/readAtMost';
import { CliError } from './args';
import { printJson, type CliIo } from './command';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** A file named on the command line must be a regular file: never a device (/dev/zero), a pipe or a folder. */
export function checkUserFile(file: string, limit = MAX_FILE_BYTES): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`找不到文件：${file}`);
  }
  if (stat.isDirectory()) throw new CliError(`“${file}”是文件夹，不是文件。请给出文件本身。`);
  if (!stat.isFile()) throw new CliError(`“${file}”不是普通文件（是设备、管道或套接字），不能读取。请给出保存在磁盘上的文件。`);
  if (stat.size > limit) throw new CliError(`文件“${file}”过大（${mb(stat.size)}），超过 ${mb(limit)} 的上限，未读取。请拆分后再试。`);
  return stat;
}

/**
 * Reads a file named on the command line after checking it, and never more than the limit: the read is
 * bounded by itself, so a file that grows meanwhile, or reports no size (/proc), still stops at the limit.
 */
export function readUserFile(file: string, limit = MAX_FILE_BYTES): Buffer {
  checkUserFile(file, limit);
  const bytes = readAtMost(file, limit);
  if (!bytes) throw new CliError(`文件“${file}”超过 ${mb(limit)} 的上限，已停止读取。请拆分后再试。`);
  return bytes;
}

/** Writes an exported file to the path given by --out (making its folder if missing): its full path and size. */
export function writeOutFile(out: string, file: FileOutput): { target: string; bytes: number } {
  const target = path.resolve(out);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const bytes = Buffer.from(file.base64, 'base64');
  fs.writeFileSync(target, bytes);
  return { target, bytes: bytes.length };
}

/** Saves an exported document to --out and says so (`已导出<what>：path（N KB）`, or the export commands' JSON). */
export function saveDocument(io: CliIo, out: string, file: FileOutput, what: string): void {
  const { target, bytes } = writeOutFile(out, file);
  if (io.json) printJson(io, { out: target, fileName: file.fileName, bytes });
  else io.out(`已导出${what}：${target}（${(bytes / 1024).toFixed(0)} KB）`);
}

/** An --out naming a folder (ending in / or one that exists) rather than a file. */
export const isFolderPath = (out: string) => /[\\/]$/.test(out) || (fs.existsSync(out) && fs.statSync(out).isDirectory());

/** Writes an exported file (a .zip: each file in it) into the folder given by --out, made if missing; files already there are kept. */
export function writeIntoFolder(out: string, file: FileOutput): { dir: string; files: string[] } {
  const dir = path.resolve(out);
  fs.mkdirSync(dir, { recursive: true });
  return { dir, files: saveIntoFolder(file, dir) };
}
