import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles, one per Electron layer. The preload runs sandboxed, so it is a single
// CommonJS file with its few dependencies inlined (a sandboxed preload cannot require
// node_modules). Main keeps its dependencies external and gets two more entries: the CLI,
// and the worker thread imports are planned in (src/main/import/isolated.ts), which main
// and the CLI find beside them.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli.ts'),
          importWorker: resolve(__dirname, 'src/main/import/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
      // Minified, with the rarely used views and dialogs in chunks of their own (loaded on
      // first use): the script every start loads, compiles and runs goes from 2.1 MB to
      // 1.0 MB, its phase of the start from 219 to 171 ms (bench/compareBuilds.ts).
      minify: true,
    },
  },
});
