import { describe, expect, it } from 'vitest'
import { toErr } from './result'

describe('toErr', () => {
  it('names the system call and the file of an error it cannot word (Windows says UNKNOWN for some)', () => {
    const e = Object.assign(new Error('UNKNOWN: unknown error, rename'), { code: 'UNKNOWN', syscall: 'rename', path: 'C:\\ProgramData\\x.json' })
    expect(toErr(e)).toMatchObject({ code: 'INTERNAL', message: 'Something unexpected went wrong (UNKNOWN in rename C:\\ProgramData\\x.json). Nothing further was changed.' })
  })
  it('keeps a bare code bare, and never repeats an odd syscall field', () => {
    expect(toErr(Object.assign(new Error('x'), { code: 'EIO' })).message).toBe('Something unexpected went wrong (EIO). Nothing further was changed.')
    expect(toErr(Object.assign(new Error('x'), { code: 'EIO', syscall: 'rm -rf; echo' })).message).toBe('Something unexpected went wrong (EIO). Nothing further was changed.')
  })
  it('words a known file system error', () => {
    expect(toErr(Object.assign(new Error('x'), { code: 'ENOSPC', path: '/b/x' })).code).toBe('DISK_FULL')
  })
})
