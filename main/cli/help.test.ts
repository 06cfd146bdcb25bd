import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMAND_HELP } from './help'
import { runCli } from './run'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

const flagsIn = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g) ?? [])

/** command → the flags its usage lines name, from lines that start with "plex-reclaim COMMAND". */
function usageFlags(lines: string[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>()
  for (const line of lines) {
    const m = /^plex-reclaim ([a-z]+)\b(.*)$/.exec(line.trim())
    if (!m) continue
    const set = map.get(m[1]!) ?? new Set<string>()
    for (const f of flagsIn(m[2]!.replace(/#.*$/, ''))) set.add(f)
    map.set(m[1]!, set)
  }
  return map
}

describe('--help for every command', () => {
  it.each(Object.keys(COMMAND_HELP))('%s: usage, each flag, an example and the exit codes; "help COMMAND" says the same', async (name) => {
    const viaFlag = await cli(name, '--help')
    const viaHelp = await cli('help', name)
    expect(viaFlag.code).toBe(0)
    expect(viaFlag.stderr).toBe('')
    expect(viaHelp).toEqual(viaFlag)
    const text = viaFlag.stdout
    expect(text).toMatch(new RegExp(`^plex-reclaim ${name}: `))
    for (const part of ['Usage:', 'Flags:', 'Example:', 'Exit status:']) expect(text).toContain(part)
    // Every flag the usage lines name is explained under Flags.
    const flagsSection = text.slice(text.indexOf('Flags:'), text.indexOf('Example:'))
    for (const flag of flagsIn(COMMAND_HELP[name]!.usage.join(' '))) expect(flagsSection, `${name} ${flag}`).toContain(flag)
    expect(text.slice(text.indexOf('Example:'))).toContain(`plex-reclaim ${name === 'help' ? 'help' : name}`)
  })

  it('help with no command prints the overview; an unknown command is a usage error naming it', async () => {
    const overview = await cli('help')
    expect(overview.code).toBe(0)
    expect(overview.stdout).toContain('plex-reclaim help COMMAND')
    expect(await cli('--help')).toEqual(overview)
    const unknown = await cli('help', 'frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('plex-reclaim: unknown command "frobnicate". Run "plex-reclaim --help" for the list.')
  })

  it('the overview lists every command\'s usage', async () => {
    const { stdout } = await cli('--help')
    for (const c of Object.values(COMMAND_HELP)) for (const u of c.usage) expect(stdout).toContain(u)
  })
})

describe('the README\'s CLI section and --help say the same thing', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
  const start = readme.indexOf('\n## The CLI')
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? ''

  it('the same commands with the same flags', () => {
    const fromReadme = usageFlags(block.split('\n'))
    const fromHelp = usageFlags(Object.values(COMMAND_HELP).flatMap((c) => c.usage))
    expect([...fromReadme.keys()].sort()).toEqual([...fromHelp.keys()].sort())
    for (const [name, flags] of fromHelp) expect([...(fromReadme.get(name) ?? [])].sort(), name).toEqual([...flags].sort())
  })

  it('every flag any command takes is in the README\'s CLI section', async () => {
    const all = new Set<string>()
    for (const name of Object.keys(COMMAND_HELP)) for (const f of flagsIn((await cli(name, '--help')).stdout)) all.add(f)
    for (const flag of all) expect(section, flag).toContain(flag)
  })
})
