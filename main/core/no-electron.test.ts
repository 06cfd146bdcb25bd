import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const coreDir = join(import.meta.dirname)
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []))

describe('main/core stays plain Node', () => {
  it('no file under main/core imports electron', () => {
    const offenders = files(coreDir).filter((f) => /from ['"]electron(\/[^'"]*)?['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/.test(readFileSync(f, 'utf8')))
    expect(offenders.map((f) => relative(coreDir, f))).toEqual([])
  })

  it('the lint rule fails a core file that imports electron', async () => {
    const eslint = new ESLint({ cwd: join(coreDir, '../..') })
    const [result] = await eslint.lintText("import { app } from 'electron'\nexport const v = app.getVersion()\n", { filePath: join(coreDir, 'stores', 'sneaky.ts') })
    expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports')
    expect(result!.messages.find((m) => m.ruleId === 'no-restricted-imports')!.message).toContain('main/core never imports electron')
  })

  it('the same import is allowed in main/ outside the core', async () => {
    const eslint = new ESLint({ cwd: join(coreDir, '../..') })
    const [result] = await eslint.lintText("import { app } from 'electron'\nexport const v = app.getVersion()\n", { filePath: join(coreDir, '..', 'window-extra.ts') })
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([])
  })
})
