import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { commonjsPackageJson as nodePackageJson } from './scripts/vite-commonjs-package.mjs'

const root = import.meta.dirname

// The CLI's test entry point (out/test/cli-test.js): the release CLI with test hooks passed in.
// A bundle of its own, outside out/node, so no release build ever carries it.
export default defineConfig({
  plugins: [nodePackageJson],
  build: {
    ssr: true,
    outDir: 'out/test',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { 'cli-test': resolve(root, 'test/entry/cli-test.ts') },
      external: ['regedit', 'ssh2'],
      output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' }
    }
  },
  ssr: { noExternal: true, external: ['regedit', 'ssh2'] }
})
