import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  // The package loads its .wasm and worker with new URL(…, import.meta.url):
  // leave it out of dev pre-bundling so that those URLs stay right.
  optimizeDeps: { exclude: ['poids-des-mots'] },
  worker: { format: 'es' },
  build: { target: 'es2022', reportCompressedSize: true },
});
