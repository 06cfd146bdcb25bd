#!/usr/bin/env node
// Stand-in for powershell.exe -Command "$p = Start-Process ... -Verb RunAs -Wait -PassThru ...;
// exit $p.ExitCode", for tests (Wine's powershell is a stub that prints nothing and exits 0). The
// command is read as PowerShell reads it, from Microsoft's documentation, not from the product's
// own spelling:
// - about_Parsing: statements end at ";"; a command's words are parameters (-Name, matched
//   case-insensitively, by a unique prefix: about_Parameters) and arguments, positional ones in
//   the cmdlet's order (Start-Process: FilePath is position 0, ArgumentList position 1).
// - about_Quoting_Rules: in single quotes every character is literal and '' is one quote; in
//   double quotes $ expands a variable and the backtick escapes, which this stand-in refuses
//   rather than guess (the product must never send either); a bare word ends at whitespace, "," or ";".
// - about_Arrays: "a", "b" (commas) is an array.
// - Start-Process (Microsoft.PowerShell.Management): -ArgumentList elements are joined with one
//   space into the process's command line, which the program splits by the C runtime's rules
//   ("Parsing C command-line arguments": whitespace separates arguments; "..." groups; 2n
//   backslashes before a quote give n backslashes and the quote delimits, 2n+1 give n and a
//   literal quote; other backslashes are literal).
// - exit $p.ExitCode: the process's exit code (-PassThru returns the process, -Wait waits for it).
// STANDIN_UAC decides the UAC prompt: allow runs the program elevated (STANDIN_ELEVATED=1) and
// exits with its code; cancel prints PowerShell's error for a dismissed prompt ("This command cannot
// be run due to the error: The operation was canceled by the user.") and exits 1; deny exits 1 with
// an access error; hang never answers.
import { spawnSync } from 'node:child_process'

const fail = (why) => {
  process.stderr.write(`powershell stand-in: ${why}\r\n`)
  process.exit(2)
}
const argv = process.argv.slice(2)
const at = argv.findIndex((a) => a.toLowerCase() === '-command')
if (at < 0 || argv[at + 1] === undefined) fail('only -Command SCRIPT is modelled')
const script = argv[at + 1]

/** Tokens: { word, quoted } | ',' | ';' | '=' */
function tokenize(text) {
  const out = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (/\s/.test(c)) i++
    else if (c === ',' || c === ';' || c === '=') {
      out.push(c)
      i++
    }
    else if (c === "'") {
      let word = ''
      for (i++; ; i++) {
        if (i >= text.length) fail('unterminated single-quoted string')
        if (text[i] === "'" && text[i + 1] === "'") {
          word += "'"
          i++
        } else if (text[i] === "'") break
        else word += text[i]
      }
      i++
      out.push({ word, quoted: true })
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1)
      if (end < 0) fail('unterminated double-quoted string')
      const word = text.slice(i + 1, end)
      if (/[$`]/.test(word)) fail(`a double-quoted string would expand here: ${word}`)
      out.push({ word, quoted: true })
      i = end + 1
    } else {
      let word = ''
      while (i < text.length && !/[\s,;=]/.test(text[i])) word += text[i++]
      out.push({ word, quoted: false })
    }
  }
  return out
}

const statements = [[]]
for (const t of tokenize(script)) {
  if (t === ';') statements.push([])
  else statements.at(-1).push(t)
}
const [first, second, ...rest] = statements.filter((s) => s.length > 0)
if (!first || rest.length > 0) fail('expected "$p = Start-Process ...; exit $p.ExitCode"')
if (first[0]?.word?.toLowerCase() !== '$p' || first[1] !== '=' || first[2]?.word?.toLowerCase() !== 'start-process') fail('the first statement is not $p = Start-Process')
if (second?.map((t) => t.word?.toLowerCase()).join(' ') !== 'exit $p.exitcode') fail('the second statement is not exit $p.ExitCode')

// Start-Process's parameters: names by unique prefix, values (an array where commas join words).
const PARAMS = ['filepath', 'argumentlist', 'verb', 'wait', 'passthru', 'windowstyle', 'nonewwindow', 'workingdirectory']
const SWITCHES = new Set(['wait', 'passthru', 'nonewwindow'])
const bound = {}
const positional = []
const words = first.slice(3)
for (let i = 0; i < words.length; i++) {
  const t = words[i]
  if (t !== ',' && !t.quoted && t.word.startsWith('-') && t.word.length > 1) {
    const matches = PARAMS.filter((p) => p.startsWith(t.word.slice(1).toLowerCase()))
    if (matches.length !== 1) fail(`parameter ${t.word} is ${matches.length ? 'ambiguous' : 'unknown'}`)
    const name = matches[0]
    if (SWITCHES.has(name)) bound[name] = true
    else {
      const value = []
      for (i++; i < words.length; i++) {
        if (words[i] === ',' || words[i] === '=') fail('a value may not start with a comma')
        value.push(words[i].word)
        if (words[i + 1] !== ',') break
        i++
      }
      bound[name] = value
    }
  } else if (t === ',') fail('a stray comma')
  else positional.push(t.word)
}
if (positional.length > 0) bound.filepath ??= [positional.shift()]
if (positional.length > 0) bound.argumentlist ??= positional.splice(0)
if (!bound.filepath || bound.filepath.length !== 1) fail('-FilePath needs one value')
if ((bound.verb ?? [])[0]?.toLowerCase() !== 'runas' || !bound.wait || !bound.passthru) fail('expected -Verb RunAs -Wait -PassThru')

/** The C runtime's split of a command line (Microsoft, "Parsing C command-line arguments"). */
function splitCommandLine(line) {
  const args = []
  let current = ''
  let inQuotes = false
  let started = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '\\') {
      let n = 0
      while (line[i] === '\\') {
        n++
        i++
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(n / 2))
        if (n % 2 === 1) current += '"'
        else inQuotes = !inQuotes
        started = true
      } else {
        current += '\\'.repeat(n)
        i--
        started = true
      }
    } else if (c === '"') {
      inQuotes = !inQuotes
      started = true
    } else if (/[ \t]/.test(c) && !inQuotes) {
      if (started) args.push(current)
      current = ''
      started = false
    } else {
      current += c
      started = true
    }
  }
  if (started) args.push(current)
  return args
}

const program = bound.filepath[0]
const args = splitCommandLine((bound.argumentlist ?? []).join(' '))
switch (process.env.STANDIN_UAC ?? 'cancel') {
  case 'allow': {
    const r = spawnSync(program, args, { stdio: 'inherit', env: { ...process.env, STANDIN_ELEVATED: '1' } })
    process.exit(r.status ?? 1)
    break
  }
  case 'hang':
    setInterval(() => {}, 1000)
    break
  case 'deny':
    process.stderr.write('Start-Process : This command cannot be run due to the error: Access is denied.\r\n')
    process.exit(1)
    break
  default:
    process.stderr.write('Start-Process : This command cannot be run due to the error: The operation was canceled by the user.\r\n')
    process.exit(1)
}
