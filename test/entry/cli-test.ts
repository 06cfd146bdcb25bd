import { runCli } from '../../main/cli/run'
import { testHooks } from '../support/cli-hooks'

// The CLI as tests drive it: the release CLI plus the hooks a test passes in (never in a release build).
void runCli(process.argv.slice(2), undefined, testHooks()).then((code) => {
  process.exitCode = code
})
