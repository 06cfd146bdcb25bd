import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

const root = import.meta.dirname

/** The dev server's React refresh preamble is an inline script; the meta CSP is relaxed for `dev` only. */
function devOnlyCsp(): Plugin {
  return {
    name: 'plex-reclaim-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws:")
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(root, 'main/index.ts') }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(root, 'preload/index.ts') },
      // A sandboxed preload can require only 'electron': one self-contained CJS file.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs' } }
    }
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') }
    },
    plugins: [react(), devOnlyCsp()]
  }
})
