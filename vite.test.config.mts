import { resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'

const root = import.meta.dirname

const nodePackageJson: Plugin = {
  name: 'node-package-json',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' })
  }
}

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
