import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = import.meta.dirname

// The plain-Node programs (CLI, demo, stand-ins) built from the same core as the app.
// Everything is bundled except regedit, which must run its .wsf files from disk.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/node',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        cli: resolve(root, 'main/cli/index.ts'),
        demo: resolve(root, 'main/demo/index.ts')
      },
      external: ['regedit'],
      output: { format: 'cjs', banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''), entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' }
    }
  },
  ssr: { noExternal: true, external: ['regedit'] }
})
