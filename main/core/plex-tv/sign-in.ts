import { z } from 'zod'
import { APP_NAME, APP_VERSION } from '../app-info'
import { CoreError } from '../result'

/**
 * "Sign in with Plex": a strong PIN at plex.tv, the user approves it on app.plex.tv in their
 * browser, and the PIN then carries a user token, which buys a claim token for the local server.
 * The user token stays in this module's locals: never written, logged or sent to the renderer.
 */
export interface PlexTvOptions {
  /** https://plex.tv, or a stand-in in unpackaged, demo and test builds. */
  readonly baseUrl: string
  /** https://app.plex.tv/auth, or the stand-in's page. */
  readonly authUrl: string
  readonly clientIdentifier: string
  readonly platform?: string
}

export interface Pin {
  readonly id: number
  readonly code: string
  readonly expiresAt: number
}

const headers = (o: PlexTvOptions, token?: string): Record<string, string> => ({
  accept: 'application/json',
  'X-Plex-Product': APP_NAME,
  'X-Plex-Client-Identifier': o.clientIdentifier,
  'X-Plex-Version': APP_VERSION,
  'X-Plex-Platform': o.platform ?? process.platform,
  'X-Plex-Device': APP_NAME,
  ...(token ? { 'X-Plex-Token': token } : {})
})

const causeSchema = z.object({ cause: z.object({ code: z.string() }) })

/** A network failure, a proxy or TLS interception, each with what to do (support article 203841316). */
export function unreachable(error: unknown): CoreError {
  const code = causeSchema.safeParse(error).data?.cause.code ?? ''
  if (/CERT|SSL|TLS/.test(code) && code !== 'CERT_NOT_YET_VALID') {
    return new CoreError('PLEX_TV_TLS', `The connection to plex.tv was intercepted (${code}): security software, a proxy or a VPN is putting itself in the middle. Allow plex.tv in it, or use a claim code from https://www.plex.tv/claim instead.`)
  }
  if (code === 'CERT_NOT_YET_VALID' || code === 'CERT_HAS_EXPIRED') {
    return new CoreError('CLOCK_WRONG', "plex.tv's certificate looks invalid to this computer, which usually means its clock is wrong. Set the date and time, then try again.")
  }
  return new CoreError('PLEX_TV_UNREACHABLE', 'plex.tv cannot be reached from this computer. Check the network (and any proxy), or paste a claim code from https://www.plex.tv/claim instead.')
}

async function call(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(15_000)]) : AbortSignal.timeout(15_000) })
  } catch (error) {
    if (signal?.aborted) throw new CoreError('SIGN_IN_CANCELLED', 'Sign-in was cancelled. Nothing was changed; start it again when you are ready.')
    throw unreachable(error)
  }
}

// plex.tv's answers, validated: a proxy page or a changed API is an error the user can act on, not a cast.
const pinSchema = z.object({
  id: z.number().int().nonnegative(),
  code: z.string().regex(/^[A-Za-z0-9]{4,64}$/),
  expiresAt: z.string().max(64).nullish(),
  expiresIn: z.number().nonnegative().max(86_400).nullish()
})
const pinStateSchema = z.object({ authToken: z.string().max(256).nullish() })

const unexpected = (what: string): CoreError => new CoreError('PLEX_TV_UNREACHABLE', `plex.tv gave an unexpected answer to ${what} (a proxy or captive portal may be in the way). Try again in a minute, or paste a claim code from https://www.plex.tv/claim instead.`)

export async function createPin(o: PlexTvOptions): Promise<Pin> {
  const res = await call(`${o.baseUrl}/api/v2/pins?strong=true`, { method: 'POST', headers: headers(o) })
  if (res.status !== 201 && res.status !== 200) throw new CoreError('PLEX_TV_UNREACHABLE', `plex.tv did not start a sign-in (HTTP ${res.status}). Try again in a minute, or use a claim code instead.`)
  const pin = pinSchema.safeParse(await res.json().catch(() => null)).data
  if (!pin) throw unexpected('the sign-in request')
  const at = pin.expiresAt ? Date.parse(pin.expiresAt) : NaN
  return { id: pin.id, code: pin.code, expiresAt: Number.isFinite(at) ? at : Date.now() + (pin.expiresIn ?? 1800) * 1000 }
}

/** The page the user signs in on, in their own browser. */
export function authPageUrl(o: PlexTvOptions, pin: Pin): string {
  const params = new URLSearchParams({ clientID: o.clientIdentifier, code: pin.code, 'context[device][product]': APP_NAME })
  return `${o.authUrl}#?${params.toString()}`
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new CoreError('SIGN_IN_CANCELLED', 'Sign-in was cancelled. Nothing was changed; start it again when you are ready.'))
    })
  })

/** Polls the PIN until it carries a user token, it expires, or the user cancels; honours 429 Retry-After. */
export async function waitForUserToken(o: PlexTvOptions, pin: Pin, options: { signal?: AbortSignal; intervalMs?: number } = {}): Promise<string> {
  for (;;) {
    if (options.signal?.aborted) throw new CoreError('SIGN_IN_CANCELLED', 'Sign-in was cancelled. Nothing was changed; start it again when you are ready.')
    const res = await call(`${o.baseUrl}/api/v2/pins/${pin.id}`, { headers: headers(o) }, options.signal)
    if (res.status === 429) {
      const seconds = Number(res.headers.get('retry-after') ?? '5')
      await sleep((Number.isFinite(seconds) ? Math.min(seconds, 60) : 5) * 1000, options.signal)
      continue
    }
    if (res.status === 404 || pin.expiresAt < Date.now()) {
      throw new CoreError('PIN_EXPIRED', 'The sign-in took too long and its code expired. Click "Sign in with Plex" again, or paste a claim code instead.')
    }
    if (res.status !== 200) throw new CoreError('PLEX_TV_UNREACHABLE', `plex.tv answered the sign-in with HTTP ${res.status}. Try again in a minute, or use a claim code instead.`)
    const body = pinStateSchema.safeParse(await res.json().catch(() => null)).data
    if (!body) throw unexpected('the sign-in')
    if (body.authToken) return body.authToken
    await sleep(options.intervalMs ?? 1000, options.signal)
  }
}

const claimTokenSchema = z.object({ token: z.string().regex(/^claim-[A-Za-z0-9_-]{8,64}$/) })

/**
 * One look at a PIN a sign-in was cancelled on: if the user approved it meanwhile, its token is
 * returned so that it can be signed out rather than left behind. null otherwise, or on any failure.
 */
export async function peekUserToken(o: PlexTvOptions, pin: Pin): Promise<string | null> {
  try {
    const res = await fetch(`${o.baseUrl}/api/v2/pins/${pin.id}`, { headers: headers(o), signal: AbortSignal.timeout(10_000) })
    if (res.status !== 200) return null
    return pinStateSchema.safeParse(await res.json().catch(() => null)).data?.authToken || null // not JSON: the schema check refuses it
  } catch { // unreachable or refused: no token yet, the caller keeps polling until its deadline
    return null
  }
}

/** A claim token for the signed-in user (GET /api/claim/token.json with the user token). */
export async function claimTokenFor(o: PlexTvOptions, userToken: string): Promise<string> {
  const res = await call(`${o.baseUrl}/api/claim/token.json`, { headers: headers(o, userToken) })
  if (res.status === 401) throw new CoreError('PLEX_TV_UNAUTHORIZED', 'plex.tv did not accept the sign-in (401). Sign in again, or paste a claim code from https://www.plex.tv/claim instead.')
  if (res.status === 429) throw new CoreError('PLEX_TV_UNREACHABLE', 'plex.tv is asking to slow down (429). Wait a minute, then try again.')
  // Any 2xx that carries a token will do (plex.tv has answered 200 and 201 here).
  if (res.status < 200 || res.status > 299) throw new CoreError('PLEX_TV_UNREACHABLE', `plex.tv could not give a claim token (HTTP ${res.status}). Try again in a minute.`)
  const token = claimTokenSchema.safeParse(await res.json().catch(() => null)).data?.token
  if (!token) throw new CoreError('PLEX_TV_UNREACHABLE', 'plex.tv answered without a claim token. Try again in a minute.')
  return token
}
