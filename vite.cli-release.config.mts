import { resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'

const root = import.meta.dirname

// The release CLI as ONE CommonJS file, for Node's single executable applications (SEA) and the npm
// package. A SEA's `require` reaches only Node's built-in modules, so nothing may stay on disk:
// no dynamic import (inlined), no chunk, no JSON read at run time.
//   --mode sea (default): ssh2 bundled; its optional native parts (cpu-features and the sshcrypto
//     .node binding) replaced by a module that throws, which ssh2 catches, falling back to JS crypto.
//   --mode npm: ssh2 stays a dependency of the npm package, so an install may use its native crypto.

/** Modules left out of the single file; each is required inside ssh2's own try/catch. */
const LEFT_OUT = [/^cpu-features$/, /sshcrypto\.node$/]
const LEFT_OUT_ID = '\0left-out'

const leaveOut: Plugin = {
  name: 'leave-out-native-parts',
  enforce: 'pre',
  resolveId(source) {
    return LEFT_OUT.some((pattern) => pattern.test(source)) ? `${LEFT_OUT_ID}:${source}` : null
  },
  load(id) {
    if (!id.startsWith(LEFT_OUT_ID)) return null
    const name = id.slice(LEFT_OUT_ID.length + 1)
    return `throw new Error(${JSON.stringify(`${name} is not part of the single-file plex-reclaim`)})\n`
  }
}

/** What rolldown leaves as import() (built-ins, and ssh2 in npm mode) becomes a require; anything else fails the build. */
const noDynamicImport: Plugin = {
  name: 'no-dynamic-import',
  renderChunk(code) {
    const out = code.replace(/\bimport\((["'`])([a-z0-9@:_/.-]+)\1\)/g, (_all, _quote: string, name: string) => `Promise.resolve(require(${JSON.stringify(name)}))`)
    const left = /\bimport\(/.exec(out)
    if (left) this.error(`a dynamic import is left in the single-file CLI: ${out.slice(left.index, left.index + 80)}`)
    return { code: out, map: null }
  }
}

export default defineConfig(({ mode }) => {
  const npm = mode === 'npm'
  const external = npm ? ['ssh2'] : []
  return {
    plugins: [leaveOut, noDynamicImport],
    build: {
      ssr: true,
      outDir: npm ? 'out/cli-npm' : 'out/cli-release',
      emptyOutDir: true,
      target: 'node22', // the Node the executables carry (NODE_VERSION in scripts/dist-cli/node-binaries.mjs)
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: { 'plex-reclaim': resolve(root, 'main/cli/index.ts') },
        external,
        output: {
          format: 'cjs',
          codeSplitting: false,
          entryFileNames: '[name].cjs',
          banner: npm ? '#!/usr/bin/env node' : ''
        }
      }
    },
    ssr: { noExternal: true, external }
  }
})
