import { z } from 'zod'
import { CoreError } from '../result'

/**
 * The privileged helper's protocol (issue 23 item 2), spoken over the helper's stdin and stdout and
 * between the helper and the workers that act as a folder's owner: frames of a 4-byte big-endian
 * length and that many bytes of UTF-8 JSON, each checked with zod on the side that reads it.
 * Nothing else is ever written on stdout by either side, not even --help or a refusal.
 */
export const FRAME_MAX = 96 * 1024 * 1024 // a 64 MB settings file, base64, with room to spare
const path = z.string().min(1).max(4096).refine((p) => p.startsWith('/') && !p.includes('\0'), 'an absolute path')
const id = z.number().int().min(0).max(2 ** 31)
const mode = z.number().int().min(0).max(0o7777)
const ugid = z.number().int().min(0).max(2 ** 32 - 1)
const data = z.string().max(FRAME_MAX).regex(/^[A-Za-z0-9+/]*={0,2}$/)

const pathOps = z.enum(['lstat', 'stat', 'realpath', 'readdir', 'canWrite', 'freeBytes', 'syncDir', 'remove'])
export const requestSchema = z.discriminatedUnion('op', [
  z.object({ id, op: z.literal('readFile'), path, maxBytes: z.number().int().min(0).max(FRAME_MAX).optional(), noFollow: z.boolean().optional() }).strict(),
  z.object({ id, op: pathOps, path }).strict(),
  z.object({ id, op: z.literal('mkdir'), path, mode: mode.optional() }).strict(),
  z.object({ id, op: z.literal('writeFileAtomic'), path, data, mode: mode.optional(), uid: ugid.optional(), gid: ugid.optional(), allowOwnerChange: z.boolean().optional() }).strict(),
  z.object({ id, op: z.literal('writeNewFile'), path, data, mode }).strict(),
  z.object({ id, op: z.literal('rename'), path, to: path }).strict(),
  z.object({ id, op: z.literal('exec'), program: z.string().min(1).max(64), args: z.array(z.string().max(4096)).max(32), timeoutMs: z.number().int().min(1).max(600_000).optional() }).strict()
])
export type Request = z.infer<typeof requestSchema>
export type Op = Request['op']
/** A request as the client builds it, before the id is given. */
export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never

const fileInfo = z
  .object({
    type: z.enum(['file', 'directory', 'symlink', 'fifo', 'socket', 'character-device', 'block-device']).optional(),
    isFile: z.boolean(),
    isDirectory: z.boolean(),
    isSymbolicLink: z.boolean(),
    size: z.number().int().min(0),
    mode,
    uid: ugid,
    gid: ugid,
    mtimeMs: z.number()
  })
  .strict()
const execResult = z.object({ exitCode: z.number().int().nullable(), stdout: z.string().max(16 * 1024 * 1024), stderr: z.string().max(16 * 1024 * 1024), notFound: z.boolean(), timedOut: z.boolean() }).strict()

/** What each operation answers, checked by the client against the operation it asked for. */
export const VALUE_SCHEMAS = {
  readFile: data,
  lstat: fileInfo.nullable(),
  stat: fileInfo.nullable(),
  realpath: path,
  readdir: z.array(z.string().min(1).max(255)).max(100_000),
  canWrite: z.boolean(),
  freeBytes: z.number().min(0).nullable(),
  syncDir: z.null(),
  remove: z.null(),
  mkdir: z.null(),
  writeFileAtomic: z.null(),
  writeNewFile: z.null(),
  rename: z.null(),
  exec: execResult
} as const satisfies Record<Op, z.ZodType>

const failure = z.object({ code: z.string().regex(/^[A-Z_]{2,40}$/), message: z.string().max(8000), errno: z.boolean().optional() }).strict()
export const replySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int().min(1) }).strict(),
  /** The helper refused to start (bad arguments, not root): said once, then it exits. */
  z.object({ type: z.literal('refused'), error: failure }).strict(),
  z.object({ type: z.literal('ok'), id, value: z.unknown() }).strict(),
  z.object({ type: z.literal('error'), id, error: failure }).strict()
])
export type Reply = z.infer<typeof replySchema>
export type Failure = z.infer<typeof failure>

export const encodeFrame = (value: unknown): Buffer => {
  const body = Buffer.from(JSON.stringify(value), 'utf8')
  if (body.length > FRAME_MAX) throw new CoreError('FILE_TOO_LARGE', `A message to the privileged helper would be ${body.length} bytes, more than ${FRAME_MAX}.`)
  const head = Buffer.alloc(4)
  head.writeUInt32BE(body.length)
  return Buffer.concat([head, body])
}

/**
 * Reads frames from a stream chunk by chunk and hands each parsed, checked value on. The first
 * oversized, non-JSON or unknown frame stops it for good: the caller then closes the stream.
 */
export class FrameReader<T> {
  private chunks: Buffer[] = []
  private size = 0
  private failed: string | null = null

  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly onFrame: (value: T) => void
  ) {}

  get problem(): string | null {
    return this.failed
  }

  /** Whether a partial frame is left over (the stream was cut mid-frame). */
  get pending(): boolean {
    return this.size > 0
  }

  push(chunk: Buffer): string | null {
    if (this.failed) return this.failed
    this.chunks.push(chunk)
    this.size += chunk.length
    for (;;) {
      if (this.size < 4) return null
      // The length first (from the first bytes alone), then one copy once the whole frame is here:
      // a 64 MB file in 64 KB chunks is not copied over and over.
      const length = (this.chunks[0]!.length >= 4 ? this.chunks[0]! : Buffer.concat(this.chunks)).readUInt32BE(0)
      if (length > FRAME_MAX) return this.fail(`a frame of ${length} bytes, more than ${FRAME_MAX}`)
      if (this.size < 4 + length) return null
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks)
      const body = all.subarray(4, 4 + length)
      const rest = all.subarray(4 + length)
      this.chunks = rest.length ? [rest] : []
      this.size = rest.length
      let value: unknown
      try {
        value = JSON.parse(body.toString('utf8'))
      } catch { // refused as a bad frame just below
        return this.fail('a frame that is not JSON')
      }
      const parsed = this.schema.safeParse(value)
      if (!parsed.success) return this.fail(`a frame that is not a known message: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
      this.onFrame(parsed.data)
    }
  }

  private fail(why: string): string {
    this.failed = why
    this.chunks = []
    this.size = 0
    return why
  }
}

/** An error as it crosses the protocol: a CoreError keeps its code; a system error its errno code. */
export function toFailure(error: unknown): Failure {
  if (error instanceof CoreError) return { code: error.code, message: error.message.slice(0, 8000) }
  const e = error as NodeJS.ErrnoException
  if (typeof e?.code === 'string' && /^E[A-Z]{2,30}$/.test(e.code)) return { code: e.code, message: (e.message ?? e.code).slice(0, 8000), errno: true }
  return { code: 'TOOL_FAILED', message: String((error as Error)?.message ?? error).slice(0, 8000) }
}

/** The same error on the other side: fs-style errors keep `code` so callers that test ENOENT still work. */
export function fromFailure(f: Failure): Error {
  if (f.errno) return Object.assign(new Error(f.message), { code: f.code })
  return new CoreError(f.code as never, f.message)
}
