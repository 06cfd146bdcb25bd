/**
 * Which WebContents may talk to main, after GitHub Desktop's trusted-ipc-sender: windows add
 * themselves on creation and leave when destroyed. The check is synchronous and runs before any
 * await, because senderFrame can be null once the frame navigated (Electron breaking-changes).
 */
export interface SenderLike {
  readonly sender: { readonly id: number }
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null
}

/** protocol://host, which also works for custom schemes whose WHATWG origin is "null". */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch { // not a URL: not a trusted sender
    return null
  }
}

export class TrustedSenders {
  private readonly ids = new Set<number>()

  constructor(private readonly allowedOrigin: string) {}

  add(contents: { readonly id: number; once(event: 'destroyed', listener: () => void): unknown }): void {
    const { id } = contents
    this.ids.add(id)
    contents.once('destroyed', () => this.ids.delete(id))
  }

  /** Our window, its top frame, and our origin: anything else is dropped. */
  isTrusted(event: SenderLike): boolean {
    const frame = event.senderFrame
    return this.ids.has(event.sender.id) && frame !== null && frame.parent === null && originOf(frame.url) === this.allowedOrigin
  }
}
