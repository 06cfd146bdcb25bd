import { startDemo } from './demo-server'

/** One demo server for the browser specs; its URL (with the token) reaches them through the environment. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const demo = await startDemo()
  process.env.DEMO_URL = demo.url
  process.env.DEMO_SANDBOX = demo.sandbox
  return () => demo.stop()
}
