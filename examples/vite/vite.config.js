import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  // The package loads its .wasm and worker with new URL(…, import.meta.url):
  // leave it out of dev pre-bundling so that those URLs stay right.
  optimizeDeps: { exclude: ['poids-des-mots'] },
  // The package is ../../pkg, linked (a file: dependency): let the dev server read it there. An app that
  // installs the .tgz has it inside node_modules and needs nothing of the kind.
  server: { fs: { allow: ['.', '../../pkg'] } },
  worker: { format: 'es' },
  build: { target: 'es2022', reportCompressedSize: true },
});
