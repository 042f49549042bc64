// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { kpi } from '~/test/fixtures'
import PanelKpiCounter from './PanelKpiCounter.vue'
import { mountWall } from '~/test/mount-wall'

const valueOf = (wrapper: ReturnType<typeof mountWall>, key: string) =>
  wrapper.find(`[data-testid="kpi"][data-kpi="${key}"] [data-testid="kpi-value"]`).text()

describe('PanelKpiCounter', () => {
  it('shows eight counters with exact digits in 万/亿/万亿 units in Chinese', () => {
    const wrapper = mountWall(PanelKpiCounter, { props: { kpi: kpi({ networkInquiriesToday: 104_140_000, amountRecoveredYtd: 2.3e12 }), durationMs: 0 } })
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(8)
    expect(wrapper.attributes('data-panel')).toBe('kpi')
    expect(valueOf(wrapper, 'networkInquiriesToday')).toBe('1.0414000亿次')
    expect(valueOf(wrapper, 'amountRecoveredYtd')).toBe('2.3000000万亿元')
    expect(valueOf(wrapper, 'casesReceivedYtd')).toBe('120.4000万件')
    expect(wrapper.text()).toContain('执行到位金额')
    expect(wrapper.text()).toContain('2025年累计')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
  })

  it('speaks English: whole counts, money in B yuan', () => {
    const wrapper = mountWall(PanelKpiCounter, { props: { kpi: kpi({ networkInquiriesToday: 104_140_000 }), durationMs: 0 } }, 'en')
    expect(valueOf(wrapper, 'networkInquiriesToday')).toBe('104,140,000 times')
    expect(valueOf(wrapper, 'auctionTurnoverYtd')).toBe('41.000000B yuan')
    expect(wrapper.text()).toContain('Cases concluded')
  })

  it('waits calmly before data, with no counters and no placeholders', () => {
    const wrapper = mountWall(PanelKpiCounter, { props: { kpi: null } })
    expect(wrapper.find('[data-testid="panel-waiting"]').exists()).toBe(true)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(0)
  })

  it('keeps its last values under a stale mark', () => {
    const wrapper = mountWall(PanelKpiCounter, { props: { kpi: kpi(), stale: true, ageMs: 65_000, durationMs: 0 } })
    expect(wrapper.attributes('data-stale')).toBe('true')
    expect(wrapper.find('[data-testid="stale-mark"]').text()).toContain('1分钟')
    expect(valueOf(wrapper, 'casesPending')).toBe('20.3000万件')
  })

  it('runs the digits to a new figure and lands on it exactly', async () => {
    vi.useFakeTimers()
    try {
      const wrapper = mountWall(PanelKpiCounter, { props: { kpi: kpi({ casesPending: 100_000 }), keys: ['casesPending'], durationMs: 400 } })
      expect(valueOf(wrapper, 'casesPending')).toBe('10.0000万件')
      await wrapper.setProps({ kpi: kpi({ casesPending: 300_000 }) })
      vi.advanceTimersByTime(150)
      await nextTick()
      const midway = valueOf(wrapper, 'casesPending')
      expect(midway).not.toBe('10.0000万件')
      expect(midway).not.toBe('30.0000万件')
      expect(midway).toMatch(/^\d+\.\d{4}万件$/)
      vi.advanceTimersByTime(600)
      await nextTick()
      expect(valueOf(wrapper, 'casesPending')).toBe('30.0000万件')
    }
    finally {
      vi.useRealTimers()
    }
  })

  it('shows a change of one case, so the counters move while data flows', async () => {
    const wrapper = mountWall(PanelKpiCounter, { props: { kpi: kpi({ casesPending: 203_000 }), durationMs: 0 } })
    expect(valueOf(wrapper, 'casesPending')).toBe('20.3000万件')
    await wrapper.setProps({ kpi: kpi({ casesPending: 203_001, amountRecoveredYtd: 2.3e11 + 100_000 }) })
    expect(valueOf(wrapper, 'casesPending')).toBe('20.3001万件')
    expect(valueOf(wrapper, 'amountRecoveredYtd')).toBe('2,300.0010亿元')
  })

  it('runs only the counters whose figure changed', async () => {
    vi.useFakeTimers()
    try {
      const wrapper = mountWall(PanelKpiCounter, { props: { kpi: kpi(), durationMs: 400 } })
      const before = valueOf(wrapper, 'casesReceivedYtd')
      await wrapper.setProps({ kpi: kpi({ casesPending: 213_000 }) })
      vi.advanceTimersByTime(150)
      await nextTick()
      expect(valueOf(wrapper, 'casesReceivedYtd')).toBe(before)
      expect(valueOf(wrapper, 'casesPending')).not.toBe('20.3000万件')
    }
    finally {
      vi.useRealTimers()
    }
  })
})
