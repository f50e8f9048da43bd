/**
 * Renders a .docx the way CI checks exports: LibreOffice headless with ../shared/tools/fonts.conf (the
 * proprietary 公文 font names mapped to Debian fonts of the same metrics) → PDF → poppler measurements.
 * Reusable by every capability that exports Word files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repo sits beside ../shared (the briefing's layout); fonts.conf lives there. */
export const FONTS_CONF = path.resolve(here, '../../../shared/tools/fonts.conf');

const MM = 72 / 25.4;
export const mm = (pt: number) => pt / MM;

function need(bin: string): void {
  const r = spawnSync('which', [bin]);
  if (r.status !== 0) throw new Error(`找不到 ${bin}：请安装 libreoffice-writer 和 poppler-utils（见 .ci/run）`);
}

/** docx bytes → PDF file path (fresh LibreOffice profile each run, so runs never share state). */
export function docxToPdf(docx: Uint8Array, name = 'doc', timeoutMs = 120_000): { pdf: string; dir: string } {
  need('soffice');
  if (!fs.existsSync(FONTS_CONF)) throw new Error(`找不到字体映射 ${FONTS_CONF}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-render-'));
  const input = path.join(dir, `${name}.docx`);
  fs.writeFileSync(input, docx);
  const profile = path.join(dir, 'profile');
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input],
    { env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF, HOME: dir }, timeout: timeoutMs, encoding: 'utf8' },
  );
  const pdf = path.join(dir, `${name}.pdf`);
  if (r.error || !fs.existsSync(pdf)) {
    throw new Error(`LibreOffice 转换失败（${r.error?.message ?? `退出码 ${r.status}`}）：${r.stderr ?? ''}`);
  }
  return { pdf, dir };
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface PdfLine {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  words: PdfWord[];
}
export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
}

const attr = (s: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(s)![1]);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** pdftotext -bbox-layout → pages of lines with their word boxes (points, origin top-left). */
export function pdfLayout(pdf: string): PdfPage[] {
  need('pdftotext');
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  for (const pm of xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const lines: PdfLine[] = [];
    for (const lm of pm[2].matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...lm[2].matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => ({
        text: unescape(w[2]),
        xMin: attr(w[1], 'xMin'),
        yMin: attr(w[1], 'yMin'),
        xMax: attr(w[1], 'xMax'),
        yMax: attr(w[1], 'yMax'),
      }));
      lines.push({ text: words.map((w) => w.text).join(''), xMin: attr(lm[1], 'xMin'), xMax: attr(lm[1], 'xMax'), yMin: attr(lm[1], 'yMin'), yMax: attr(lm[1], 'yMax'), words });
    }
    pages.push({ width: attr(pm[1], 'width'), height: attr(pm[1], 'height'), lines });
  }
  return pages;
}

export function pdfInfo(pdf: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/** Font names embedded in the PDF (pdffonts), subset prefixes removed. */
export function pdfFonts(pdf: string): string[] {
  const out = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
}

/** Page images for a human to look at (pdftoppm -r DPI -png); returns the PNG paths. */
export function pdfToPng(pdf: string, prefix: string, dpi = 80, pages?: { first: number; last: number }): string[] {
  const args = ['-r', String(dpi), '-png'];
  if (pages) args.push('-f', String(pages.first), '-l', String(pages.last));
  execFileSync('pdftoppm', [...args, pdf, prefix]);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(base + '-') && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Renders a docx and returns everything a test measures; the temp folder is removed afterwards unless keep. */
export function renderDocxForTest(docx: Uint8Array, name = 'doc', keep = false) {
  const { pdf, dir } = docxToPdf(docx, name);
  try {
    return { info: pdfInfo(pdf), pages: pdfLayout(pdf), fonts: pdfFonts(pdf), pdf, dir };
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Several .docx in one LibreOffice run (one start-up instead of one per file): name → PDF path. */
export function docxToPdfMany(files: Record<string, Uint8Array>, timeoutMs = 180_000): { pdfs: Record<string, string>; dir: string } {
  need('soffice');
  if (!fs.existsSync(FONTS_CONF)) throw new Error(`找不到字体映射 ${FONTS_CONF}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-render-'));
  const inputs = Object.entries(files).map(([name, bytes]) => {
    const file = path.join(dir, `${name}.docx`);
    fs.writeFileSync(file, bytes);
    return file;
  });
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...inputs],
    { env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF, HOME: dir }, timeout: timeoutMs, encoding: 'utf8' },
  );
  const pdfs: Record<string, string> = {};
  for (const name of Object.keys(files)) {
    const pdf = path.join(dir, `${name}.pdf`);
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice 没有生成 ${name}.pdf（${r.error?.message ?? `退出码 ${r.status}`}）：${r.stderr ?? ''}`);
    pdfs[name] = pdf;
  }
  return { pdfs, dir };
}
