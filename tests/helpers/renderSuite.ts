/**
 * The frame of a render test file: its .docx files are built once (beforeAll) and converted in one
 * LibreOffice run; the core's folder and the PDFs are removed afterwards. Kept apart from render.ts, which
 * scripts use outside vitest.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import type { testCore } from './core';
import { docxToPdfMany, pdfInfo } from './render';

/** Fonts fonts.conf maps the 公文 names to: a PDF with any other font fell back somewhere. */
export const MAPPED_FONTS = /^(BousungEG-Light-GB|GBZenKai-Medium|NotoSerifCJK[\w-]+|NotoSansCJK[\w-]+|LiberationSerif(-\w+)?)$/;

/** name → PDF path, filled once the returned record's beforeAll has run. */
export function renderedPdfs(core: ReturnType<typeof testCore>, build: () => Promise<Record<string, Uint8Array>>): Record<string, string> {
  const pdfs: Record<string, string> = {};
  let dir = '';
  beforeAll(async () => {
    const r = docxToPdfMany(await build());
    dir = r.dir;
    Object.assign(pdfs, r.pdfs);
  }, 240_000);
  afterAll(() => {
    core.close();
    fs.rmSync(core.dir, { recursive: true, force: true });
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return pdfs;
}

/** Each named PDF is A4 (points), the `landscape` ones lying, the `portrait` ones standing. */
export function expectA4(pdfs: Record<string, string>, sides: { landscape: string[]; portrait: string[] }): void {
  for (const name of sides.landscape) expect(pdfInfo(pdfs[name]), name).toMatchObject({ width: expect.closeTo(841.9, 0), height: expect.closeTo(595.3, 0) });
  for (const name of sides.portrait) expect(pdfInfo(pdfs[name]), name).toMatchObject({ width: expect.closeTo(595.3, 0), height: expect.closeTo(841.9, 0) });
}
