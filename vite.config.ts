import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is built into dist/renderer, which `serve` serves at / (and the desktop window loads).
// `base: './'` keeps asset paths relative, so the same build works from any origin.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  logLevel: 'warn',
});
