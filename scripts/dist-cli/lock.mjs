// One build at a time: test files that need the executables may start this script together.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs job while holding the lock file (created exclusively; a dead holder's lock is taken over). */
export async function withLock(file, job) {
  mkdirSync(dirname(file), { recursive: true })
  for (;;) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      let holder
      try {
        holder = Number(readFileSync(file, 'utf8'))
      } catch {
        continue // released between our open and read
      }
      if (holder && !alive(holder)) rmSync(file, { force: true })
      else await sleep(500)
    }
  }
  try {
    return await job()
  } finally {
    rmSync(file, { force: true })
  }
}
