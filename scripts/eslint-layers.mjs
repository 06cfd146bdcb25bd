// Who may import what, as a whitelist (in the spirit of VS Code's layering check, its
// "code-import-patterns" rule): every source file belongs to one layer, and a layer names the
// layers it may import from. An import of a project file from any other layer is an error, so a
// new folder or a new shortcut is refused until the table says it may. Packages are not layers:
// the electron and shell rules in eslint.config.mjs keep those.
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

/** The layers, first match wins; `may` lists the layers (and single files) a layer may import. */
export const LAYERS = [
  // Tests, test support, scripts and benchmarks drive every layer from outside.
  { name: 'tests', match: (p) => /\.test\.tsx?$/.test(p) || /^(test|e2e|scripts|bench)\//.test(p), may: '*' },
  // The typed IPC contract and the window.api it declares: the one thing the window and main share.
  // It takes the engine's step ids and the account summary's shape from their one definition (plain
  // data, no behaviour), and the claim views it re-exports, so nothing is declared twice (issue 24).
  { name: 'contract', match: (p) => p === 'preload/contract.ts' || p === 'preload/global.d.ts', may: ['contract', 'main/core/ids.ts', 'main/core/account/summary.ts', 'preload/claim-views.ts'] },
  { name: 'preload', match: (p) => p.startsWith('preload/'), may: ['preload', 'contract'] },
  { name: 'renderer', match: (p) => p.startsWith('renderer/'), may: ['renderer', 'contract'] },
  // The core is plain Node and knows nothing above it (app-info reads the version from package.json).
  { name: 'core', match: (p) => p.startsWith('main/core/'), may: ['core', 'package.json'] },
  { name: 'app', match: (p) => p.startsWith('main/app/'), may: ['app', 'core'] },
  // The adapters: the desktop app's IPC handlers, the CLI and the loopback bridge.
  { name: 'ipc', match: (p) => p.startsWith('main/ipc/'), may: ['ipc', 'app', 'contract'] },
  { name: 'cli', match: (p) => p.startsWith('main/cli/'), may: ['cli', 'app', 'contract'] },
  // The bridge serves the IPC table over loopback (ipc/dispatch) with the window's CSP.
  { name: 'bridge', match: (p) => p.startsWith('main/bridge/'), may: ['bridge', 'app', 'contract', 'ipc', 'window'] },
  { name: 'simulator', match: (p) => p.startsWith('main/simulator/'), may: ['simulator'] },
  // The window's shell: the BrowserWindow, its security, CSP, protocol, close guard and dialogs' words.
  { name: 'window', match: (p) => /^main\/(window|security|csp|protocol|close-guard|dialog-texts|runtime-switches)\.ts$/.test(p), may: ['window', 'contract'] },
  // Composition roots: they build the service's environment and wire the adapters to it.
  { name: 'demo', match: (p) => p.startsWith('main/demo/'), may: ['demo', 'app', 'core', 'ipc', 'bridge', 'simulator', 'contract'] },
  { name: 'entry', match: (p) => p === 'main/index.ts', may: ['entry', 'window', 'app', 'ipc', 'demo', 'contract'] }
]

const toPosix = (p) => p.split('\\').join('/')
export const layerOf = (path) => LAYERS.find((l) => l.match(path)) ?? null

/** The project path an import names, or null for a package or a path outside the project. */
function targetOf(filename, spec) {
  if (!spec.startsWith('.')) return null
  const target = toPosix(relative(root, resolve(dirname(filename), spec)))
  return target.startsWith('..') || isAbsolute(target) ? null : target
}

/** The file a target names (with its extension), or the target itself. */
const targetFile = (target) => [`${target}.ts`, `${target}.tsx`, `${target}.d.ts`, `${target}/index.ts`].find((c) => existsSync(resolve(root, c))) ?? target

/** The layer (or single file) a target belongs to: its own file name when it is in none. */
function targetLayer(target) {
  const file = targetFile(target)
  return layerOf(file)?.name ?? target
}

const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A whitelist of which layer may import which (scripts/eslint-layers.mjs).' },
    schema: [],
    messages: {
      refused: '{{from}} may import only {{may}}, not {{to}} ("{{spec}}"). Go through the layer that may (the application service for the core), or change the table in scripts/eslint-layers.mjs with a reason.'
    }
  },
  create(context) {
    const file = toPosix(relative(root, context.filename))
    const from = layerOf(file)
    if (!from || from.may === '*') return {}
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return
      const target = targetOf(context.filename, source.value)
      if (target === null) return
      const to = targetLayer(target)
      // A layer may also name single files of another layer it may import (plain data, one definition).
      if (to === from.name || from.may.includes(to) || from.may.includes(targetFile(target))) return
      context.report({ node, messageId: 'refused', data: { from: `${from.name} (${file})`, may: from.may.join(', '), to, spec: source.value } })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument)
    }
  }
}

export const layersPlugin = { rules: { 'allowed-imports': allowedImports } }
