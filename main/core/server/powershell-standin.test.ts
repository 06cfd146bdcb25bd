import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp'
import { runAsAdministrator } from './elevation'
import { LocalHost } from '../host/local'
import { standInsOnPath } from '../../../test/standins/path'

/**
 * The powershell stand-in reads -Command as Microsoft documents PowerShell and Start-Process (see
 * its header), not by the product's spelling: other valid spellings of the same command reach the
 * program with the same arguments, and the C runtime's rules for quotes and backslashes apply.
 */
const standIn = join(import.meta.dirname, '..', '..', '..', 'test', 'standins', 'powershell.mjs')
function argvOf(script: string): { status: number | null; args: string[] | null; stderr: string } {
  const dir = tempDir('plex-ps')
  const out = join(dir, 'args.json')
  const program = join(dir, 'record')
  writeFileSync(program, `#!/bin/sh\nexec "${process.execPath}" -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))' "${out}" "$@"\n`)
  chmodSync(program, 0o755)
  const r = spawnSync(process.execPath, [standIn, '-NoProfile', '-Command', script.replaceAll('PROGRAM', program)], { encoding: 'utf8', env: { ...process.env, STANDIN_UAC: 'allow' } })
  // No file: the program never ran (the stand-in refused the command).
  const args = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as string[]) : null
  return { status: r.status, args, stderr: r.stderr }
}

describe('powershell stand-in, from Microsoft\'s documentation', () => {
  it('positional FilePath, abbreviated parameter names, an escaped single quote, double-quoted strings', () => {
    const r = argvOf(`$p = start-process 'PROGRAM' -Arg 'a b','it''s',"x" -verb runas -wai -pass; exit $p.ExitCode`)
    expect(r.args).toEqual(['a', 'b', "it's", 'x'])
    expect(r.status).toBe(0)
  })

  it('the C runtime\'s rules: "a b" stays one argument; a backslash before the closing quote escapes it', () => {
    expect(argvOf(`$p = Start-Process -FilePath 'PROGRAM' -ArgumentList '"a b"','c' -Verb RunAs -Wait -PassThru; exit $p.ExitCode`).args).toEqual(['a b', 'c'])
    expect(argvOf(`$p = Start-Process -FilePath 'PROGRAM' -ArgumentList '"C:\\Some Dir\\"','c' -Verb RunAs -Wait -PassThru; exit $p.ExitCode`).args).toEqual(['C:\\Some Dir" c'])
  })

  it('refuses what it would have to guess: a variable in double quotes', () => {
    expect(argvOf(`$p = Start-Process 'PROGRAM' -ArgumentList "$env:X" -Verb RunAs -Wait -PassThru; exit $p.ExitCode`)).toMatchObject({ status: 2, args: null })
  })

  it('the product\'s UAC command keeps an argument ending in a backslash whole (its quotes doubled the backslash)', async () => {
    const undo = standInsOnPath(['powershell'])
    const dir = tempDir('plex-ps-uac')
    const out = join(dir, 'args.json')
    const program = join(dir, 'record')
    writeFileSync(program, `#!/bin/sh\nexec "${process.execPath}" -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))' "${out}" "$@"\n`)
    chmodSync(program, 0o755)
    process.env.STANDIN_UAC = 'allow'
    try {
      const r = await runAsAdministrator(new LocalHost(), { program, args: ['load', 'HKU\\S-1-5-21-9', 'C:\\Some Dir\\'] }, 'reg load', { commandMs: 10_000, promptMs: 10_000 })
      expect(r.exitCode).toBe(0)
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(['load', 'HKU\\S-1-5-21-9', 'C:\\Some Dir\\'])
    } finally {
      delete process.env.STANDIN_UAC
      undo()
    }
  })
})
