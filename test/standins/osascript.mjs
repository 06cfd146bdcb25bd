#!/usr/bin/env node
// Stand-in for macOS osascript(1), for `osascript -e 'tell application "NAME" to quit'` only.
// osascript(1): errors go to stderr with a non-zero exit; an AppleScript error reads
// "execution error: MESSAGE (NUMBER)". Apple's AEDeterminePermissionToAutomateTarget
// documentation (Apple Event Manager): from Mac OS 10.14 the user is asked once per target, and
// "if the user does not consent then any future attempts to send AppleEvents will result in a
// failure with errAEEventNotPermitted" (-1743 in AE's AppleEvents.h). An app without
// NSAppleEventsUsageDescription (Apple: "This key is required if your app uses APIs that send
// Apple events") gets that answer without a prompt.
// STANDIN_OSASCRIPT_DENIED=1 plays that refusal; otherwise the app quits: its lines leave the
// pgrep stand-in's file (STANDIN_PGREP_FILE, "USER NAME" per process).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'

const [flag, script] = process.argv.slice(2)
const app = flag === '-e' ? /^tell application "([^"]+)" to quit$/.exec(script ?? '')?.[1] : undefined
if (!app) {
  process.stderr.write('stand-in: only -e \'tell application "NAME" to quit\' is modelled\n')
  process.exit(2)
}
if (process.env.STANDIN_OSASCRIPT_DENIED === '1') {
  process.stderr.write(`0:39: execution error: Not authorized to send Apple events to ${app}. (-1743)\n`)
  process.exit(1)
}
const me = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim()
const file = process.env.STANDIN_PGREP_FILE
if (file && existsSync(file)) {
  const kept = readFileSync(file, 'utf8').split('\n').filter((l) => l && l !== `${me} ${app}`)
  writeFileSync(file, kept.map((l) => `${l}\n`).join(''))
}
