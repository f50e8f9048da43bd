// The CLI bundled by esbuild (ES chunks, loaded as a command needs them), so a command starts without compiling TypeScript (tsx) each time.
// The browser shell (`npm start` without Electron) is bundled beside it for the same reason (web.mjs).
// Packages stay external (native SQLite, jieba); the census parse worker is bundled beside it, where
// worker-host.ts looks for it. Rebuilt whenever a source the bundle was made from is newer than it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'cli');
export const CLI_BUNDLE = path.join(outDir, 'cli.mjs');
const INPUTS = path.join(outDir, 'inputs.json');
export const WEB_BUNDLE = path.join(outDir, 'web.mjs');
const ENTRIES = { cli: 'electron/cli/main.ts', web: 'electron/web/main.ts' };
const WORKER = 'electron/core/census/worker.ts';

/** Whether the bundle exists and no source it was built from (nor this script) changed since. */
export function cliBundleFresh() {
  let built;
  try {
    built = fs.statSync(CLI_BUNDLE).mtimeMs;
    const { inputs, outputs } = JSON.parse(fs.readFileSync(INPUTS, 'utf8'));
    // Split into chunks: a chunk that went missing makes the bundle unusable too.
    return outputs.every((f) => fs.existsSync(path.join(outDir, f))) && [...inputs, 'scripts/cli-bundle.mjs', 'package.json'].every((f) => fs.statSync(path.join(root, f)).mtimeMs <= built);
  } catch {
    return false; // missing bundle, input list or source (renamed, deleted): build again
  }
}

export async function buildCliBundle() {
  const { build } = await import('esbuild');
  const tmp = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Native packages stay outside; the rest is inlined (loading hundreds of ESM files costs more than parsing one).
    external: ['better-sqlite3-multiple-ciphers', '@node-rs/jieba'],
    metafile: true,
    logLevel: 'warning',
  };
  // The parse worker as one CommonJS file (where worker-host.ts looks for it): a worker thread starts it in
  // about two thirds of the time it takes to link the same code as ES chunks, and every preview waits for that.
  const worker = await build({ ...common, entryPoints: [WORKER], outfile: path.join(tmp, 'census-worker.cjs'), format: 'cjs' });
  const result = await build({
    ...common,
    entryPoints: ENTRIES,
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // Each command's code is loaded when it runs (electron/cli/main.ts imports the rest after a first look at argv).
    splitting: true,
    // CommonJS packages inlined into an ES module still call require() for Node's own modules.
    banner: { js: "import { createRequire as __lxRequire } from 'node:module'; const require = __lxRequire(import.meta.url);" },
  });
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...Object.keys(worker.metafile.inputs)])].filter((f) => !f.includes('node_modules/'));
  const outputs = fs.readdirSync(tmp);
  fs.writeFileSync(path.join(tmp, 'inputs.json'), JSON.stringify({ inputs, outputs }));
  // Swapped in whole, so a CLI started meanwhile never loads half a bundle.
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(tmp, outDir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCliBundle();
