import type { NetworkCheck } from './network-check'
import type { Facts, PathFacts } from './ssh-facts'

type Question = keyof PathFacts

/**
 * What one exchange over SSH has answered, for the questions that follow it. Each answer is used
 * once: asking the same question again fetches again, and anything that may change the server (a
 * write, a command) forgets every answer. The network check and the programs found on the PATH are
 * asked along with a prime's paths and used once too.
 */
export class Answers {
  private readonly paths = new Map<string, { facts: PathFacts; asked: Set<Question> }>()
  private network?: { url: string; check: NetworkCheck }
  private readonly programs = new Map<string, string | null>()

  forget(): void {
    this.paths.clear()
  }

  /** What a changing script said about a path after its change (the write reads its result back). */
  set(path: string, facts: PathFacts): void {
    this.paths.set(path, { facts, asked: new Set() })
  }

  /** The answers of one exchange about these paths (and its network check, for this address). */
  learn(facts: Facts, paths: readonly string[], url: string | undefined): void {
    if (url !== undefined && facts.network) this.network = { url, check: facts.network }
    for (const path of paths) this.paths.set(path, { facts: facts.paths.get(path) ?? {}, asked: new Set() })
    for (const [name, found] of facts.programs ?? []) this.programs.set(name, found)
  }

  /** Paths whose next question no exchange has answered yet. */
  unanswered(paths: readonly string[]): string[] {
    return paths.filter((p) => (this.paths.get(p)?.asked.size ?? 1) > 0)
  }

  /** The answer to this question, once; undefined when it must be fetched. */
  take<Q extends Question>(path: string, question: Q): { value: PathFacts[Q] } | undefined {
    const entry = this.paths.get(path)
    if (!entry || entry.asked.has(question)) return undefined
    entry.asked.add(question)
    return { value: entry.facts[question] }
  }

  /** Everything the last exchange said about a path (a read checks its facts beside its bytes). */
  factsOf(path: string): PathFacts {
    return this.paths.get(path)?.facts ?? {}
  }

  takeNetwork(url: string): NetworkCheck | undefined {
    const primed = this.network
    this.network = undefined
    return primed && primed.url === url ? primed.check : undefined
  }

  /** undefined: not asked; null: not on the PATH. */
  takeProgram(name: string): string | null | undefined {
    const found = this.programs.get(name)
    this.programs.delete(name)
    return found
  }
}
