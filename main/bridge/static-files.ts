import { promises as fs } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/** A file of the built renderer, or null for anything outside it or missing. */
export async function readStatic(dir: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const root = normalize(dir + sep)
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch { // a malformed path: answered 404
    return null
  }
  const file = normalize(join(root, decoded === '/' ? 'index.html' : decoded))
  if (!file.startsWith(root)) return null
  try {
    return { body: await fs.readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' }
  } catch { // no such file: answered 404
    return null
  }
}
