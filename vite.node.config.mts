import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { commonjsPackageJson as nodePackageJson } from './scripts/vite-commonjs-package.mjs'

const root = import.meta.dirname

// The plain-Node programs (CLI, demo, stand-ins) built from the same core as the app.
// Everything is bundled except ssh2, whose optional native crypto binding is loaded from node_modules.

export default defineConfig({
  plugins: [nodePackageJson],
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
        demo: resolve(root, 'main/demo/index.ts'),
        'pms-simulator': resolve(root, 'main/simulator/run.ts'),
        'plex-tv-simulator': resolve(root, 'main/simulator/plex-tv-run.ts')
      },
      external: ['ssh2'],
      output: {
        // The CLI's own code in one chunk: a command loads two files, not ten (start-up time).
        codeSplitting: { groups: [{ name: 'core', test: /[\\/]main[\\/](core|cli)[\\/](?!index\.ts)/ }] },
        format: 'cjs', banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''), entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' }
    }
  },
  ssr: { noExternal: true, external: ['ssh2'] }
})
