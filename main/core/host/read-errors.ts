import { CoreError } from '../result'
import type { FileType } from './types'

/** The refusals of a bounded read, shared by the hosts and the stores that check a type first. */
const TYPE_NAMES: Record<FileType, string> = {
  file: 'a file',
  directory: 'a folder',
  symlink: 'a symbolic link',
  fifo: 'a named pipe (FIFO)',
  socket: 'a socket',
  'character-device': 'a character device',
  'block-device': 'a block device'
}

/** "… is a named pipe (FIFO), not a regular file": the refusal for anything but a plain file. */
export function notARegularFile(path: string, type: FileType | undefined): CoreError {
  if (type === 'directory') return new CoreError('NOT_A_FILE', `${path} is a folder, not a file. Point at the file inside it.`)
  return new CoreError('SPECIAL_FILE', `${path} is ${type ? TYPE_NAMES[type] : 'a special file (a pipe, socket or device)'}, not a regular file, so it was not read. Point at the real file.`)
}

const megabytes = (n: number): string => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n / 1024} KB`)
export const tooLarge = (path: string, maxBytes: number): CoreError =>
  new CoreError('FILE_TOO_LARGE', `${path} is larger than ${megabytes(maxBytes)}, far more than such a file ever holds, so it was not read. Check that this is the right file.`)
