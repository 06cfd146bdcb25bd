import { describe, expect, it } from 'vitest'
import { resetPlan, restorePlan } from './engine/plans'
import { RESET_STEP_IDS, RESTORE_STEP_IDS, STEP_IDS } from './ids'

describe('the one list of step ids', () => {
  it('is the order of the engine\'s own plans, which the wizard shows', () => {
    expect(resetPlan().map((s) => s.id)).toEqual(RESET_STEP_IDS)
    expect(restorePlan('20261128-231502-3fa9c1').map((s) => s.id)).toEqual(RESTORE_STEP_IDS)
    expect(new Set([...RESET_STEP_IDS, ...RESTORE_STEP_IDS])).toEqual(new Set(STEP_IDS))
  })
})
