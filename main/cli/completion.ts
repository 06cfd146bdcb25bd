import { COMMAND_HELP, COMMON, REMOTE } from './help'

/**
 * Shell completion for the CLI, generated from its help (COMMAND_HELP): the same commands and
 * flags, so the two never drift. One script completes every name the CLI is installed under
 * (plex-reclaim from npm and the executables; plex-reclaim-cli from the .deb).
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]
export const CLI_NAMES = ['plex-reclaim', 'plex-reclaim-cli'] as const

/** "--yes, -y" and "--file PATH" → --yes, -y, --file. */
const flagWords = (spec: string): string[] => spec.split(',').map((part) => part.trim().split(/\s+/)[0]!)

/** Each command with its summary and the flags it takes (its own, SSH's and the common ones). */
export function completionModel(): Array<{ name: string; summary: string; flags: string[] }> {
  return Object.entries(COMMAND_HELP).map(([name, help]) => ({
    name,
    summary: help.summary,
    flags: [...new Set([...Object.keys(help.flags), ...(name === 'help' || name === 'completion' ? [] : Object.keys(REMOTE)), ...Object.keys(COMMON)].flatMap(flagWords))]
  }))
}

const single = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

function bash(): string {
  const model = completionModel()
  const cases = model.map((c) => `    ${c.name}) words=${single(c.flags.join(' '))} ;;`).join('\n')
  return `# bash completion for plex-reclaim (generated: plex-reclaim completion bash)
_plex_reclaim() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${single(model.map((c) => c.name).join(' '))} -- "$cur"))
    return
  fi
  case \${COMP_WORDS[1]} in
${cases}
    *) words= ;;
  esac
  case $cur in
    -*) COMPREPLY=($(compgen -W "$words" -- "$cur")) ;;
    *) COMPREPLY=() ;;
  esac
}
complete -o default -F _plex_reclaim ${CLI_NAMES.join(' ')}
`
}

function zsh(): string {
  const model = completionModel()
  const commands = model.map((c) => `    ${single(`${c.name}:${c.summary.replace(/:/g, '\\:')}`)}`).join('\n')
  const cases = model.map((c) => `      ${c.name}) flags=(${c.flags.map(single).join(' ')}) ;;`).join('\n')
  return `#compdef ${CLI_NAMES.join(' ')}
# zsh completion for plex-reclaim (generated: plex-reclaim completion zsh)
_plex_reclaim() {
  local -a commands flags
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'plex-reclaim command' commands
    return
  fi
  case \${words[2]} in
${cases}
  esac
  if [[ \${words[CURRENT]} == -* ]]; then compadd -a flags; else _files; fi
}
compdef _plex_reclaim ${CLI_NAMES.join(' ')}
`
}

function fish(): string {
  const model = completionModel()
  const lines: string[] = ['# fish completion for plex-reclaim (generated: plex-reclaim completion fish)']
  for (const cli of CLI_NAMES) {
    lines.push(`complete -c ${cli} -f -n '__fish_use_subcommand' -a ${single(model.map((c) => c.name).join(' '))}`)
    for (const c of model) {
      lines.push(`complete -c ${cli} -f -n '__fish_seen_subcommand_from ${c.name}' -a ${single(c.flags.join(' '))}`)
    }
  }
  return `${lines.join('\n')}\n`
}

export function completionScript(shell: Shell): string {
  return shell === 'bash' ? bash() : shell === 'zsh' ? zsh() : fish()
}
