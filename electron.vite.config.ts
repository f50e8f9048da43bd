import { defineConfig } from 'electron-vite';
import path from 'node:path';
import rendererConfig from './renderer/vite.config';

export default defineConfig({
  main: {
    build: { outDir: 'out/main', rollupOptions: { input: { index: path.resolve(__dirname, 'electron/main/index.ts'), 'census-worker': path.resolve(__dirname, 'electron/core/census/worker.ts') } } },
  },
  preload: {
    build: {
      // A sandboxed preload can only require electron: bundle everything else into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: path.resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rollupOptions: { input: path.resolve(__dirname, 'renderer/index.html') } },
  },
});
