import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { layersPlugin } from './scripts/eslint-layers.mjs'

const noDefaultExport = {
  selector: 'ExportDefaultDeclaration',
  message: 'Use named exports (GitHub Desktop style).'
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.tmp/**', 'node_modules/**', 'reports/**', 'test-results/**', 'playwright-report/**', 'e2e/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-syntax': ['error', noDefaultExport],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'child_process', importNames: ['exec', 'execSync'], message: 'No shell: use the host\'s exec (execFile with an argument array).' },
            { name: 'node:child_process', importNames: ['exec', 'execSync'], message: 'No shell: use the host\'s exec (execFile with an argument array).' },
            { name: 'sudo-prompt', message: 'Elevate a fixed program with a fixed argument list instead.' }
          ]
        }
      ]
    }
  },
  {
    // The core is plain Node: the app, the CLI, the demo and the tests all drive it.
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'main/core never imports electron: it runs in plain Node (CLI, demo, tests).' },
            { name: 'child_process', importNames: ['exec', 'execSync'], message: 'No shell: use the host\'s exec.' },
            { name: 'node:child_process', importNames: ['exec', 'execSync'], message: 'No shell: use the host\'s exec.' }
          ],
          patterns: [{ group: ['electron/*'], message: 'main/core never imports electron.' }]
        }
      ]
    }
  },
  {
    // Who may import what: a whitelist of layers (renderer: the contract; ipc, cli, bridge: app and
    // contract; app: core; core: nothing outward), in scripts/eslint-layers.mjs.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/allowed-imports': 'error' }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer knows only window.api.' }] }]
    }
  },
  {
    // Components read the store and call its actions; only store actions and the API setup touch window.api.
    files: ['renderer/src/**/*.tsx'],
    ignores: ['renderer/src/main.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noDefaultExport,
        { selector: "MemberExpression[object.name='window'][property.name='api']", message: 'Components never call window.api: add a store action.' }
      ]
    }
  },
  {
    files: ['*.config.{ts,mjs,mts}', 'bench/vite.config.mts', 'electron.vite.config.ts', 'playwright.config.ts'],
    rules: { 'no-restricted-syntax': 'off' }
  }
)
