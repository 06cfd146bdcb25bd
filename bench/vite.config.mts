import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = resolve(import.meta.dirname, '..')

/** Benchmarks that drive the core directly are built like the CLI, into out/bench (never packaged). */
export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(root, 'out/bench'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { 'stop-detection': resolve(root, 'bench/stop-detection.ts') },
      output: { format: 'cjs', entryFileNames: '[name].js' }
    }
  },
  ssr: { noExternal: true }
})
