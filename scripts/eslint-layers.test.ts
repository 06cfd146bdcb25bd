import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const eslint = new ESLint({ cwd: root })

/** The layering rule's messages for a planted file with this text. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) })
  return result!.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message)
}

describe('who may import what (scripts/eslint-layers.mjs)', () => {
  it.each([
    ['main/core/planted.ts', "import { AppService } from '../app/index'\nexport const x = AppService\n", /core .* may import only core, package\.json, not app/],
    ['main/ipc/planted.ts', "import { LocalHost } from '../core/host/local'\nexport const x = LocalHost\n", /ipc .* may import only ipc, app, contract, not core/],
    ['main/cli/planted.ts', "export { SshHost } from '../core/host/ssh'\n", /cli .* not core/],
    ['main/app/planted.ts', "import type { Api } from '../../preload/contract'\nexport type X = Api\n", /app .* may import only app, core, not contract/],
    ['renderer/src/planted.ts', "import { createHandlers } from '../../main/ipc/handlers'\nexport const x = createHandlers\n", /renderer .* may import only renderer, contract, not ipc/],
    ['main/bridge/planted.ts', "export const load = () => import('../core/engine/index')\n", /bridge .* not core/],
    ['main/window.ts', "import { AppService } from './app/index'\nexport const x = AppService\n", /window .* not app/]
  ])('a planted import in %s is refused', async (file, code, message) => {
    const found = await refusals(file, code)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(message)
  })

  it.each([
    ['main/ipc/planted.ts', "import { AppService } from '../app/index'\nimport type { Api } from '../../preload/contract'\nexport const x: [typeof AppService, Api | null] = [AppService, null]\n"],
    ['main/app/planted.ts', "import { LocalHost } from '../core/host/local'\nexport const x = LocalHost\n"],
    ['renderer/src/planted.ts', "import type { Api } from '../../preload/contract'\nexport type X = Api\n"],
    ['main/core/engine/planted.test.ts', "import { AppService } from '../../app/index'\nexport const x = AppService\n"]
  ])('an allowed import in %s passes', async (file, code) => {
    expect(await refusals(file, code)).toEqual([])
  })
})
