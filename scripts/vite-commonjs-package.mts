import type { Plugin } from 'vite'

/** out/<dir>/package.json: Node reads the nearest one to learn the module type; keep it tiny. */
export const commonjsPackageJson: Plugin = {
  name: 'node-package-json',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' })
  }
}
