// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import type { TableFit } from '~/logic/fit'
import { auctionStats, terminationStats } from '~/test/supervision-fixtures'
import PanelRankedUnits from './PanelRankedUnits.vue'
import { AUCTION_UNITS, TERMINATION_UNITS } from './rankings'
import { mountWall } from '~/test/mount-wall'

/** what a test sets beside the ranking and its rows */
interface Options { waiting?: boolean, stale?: boolean, ageMs?: number, fit?: TableFit }

const auction = ({ waiting, ...props }: Options, locale?: 'en') =>
  mountWall(PanelRankedUnits, { props: { ranking: AUCTION_UNITS, rows: waiting ? null : auctionStats().byUnit, fontPx: 20, ...props } }, locale)
const termination = ({ waiting, ...props }: Options) =>
  mountWall(PanelRankedUnits, { props: { ranking: TERMINATION_UNITS, rows: waiting ? null : terminationStats().byUnit, fontPx: 20, ...props } })

describe('PanelRankedUnits, auction units', () => {
  it('ranks every unit by turnover, with turnover and count after each bar', async () => {
    const wrapper = auction({})
    expect(wrapper.attributes('data-panel')).toBe('auction-units')
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(32)
    expect(rows[0]!.attributes('data-unit')).toBe('440000')
    expect(rows[0]!.text()).toContain('广东')
    expect(rows[0]!.text()).toMatch(/\d+(\.\d+)?亿元 · \d+(\.\d+)?万次/)
    expect(rows[0]!.find('.kit-rank-row__fill').attributes('style')).toContain('scaleX(1.0000)')
    expect(rows.find(r => r.attributes('data-unit') === 'XPCC')!.text()).toContain('兵团')
    await nextTick()
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe('全部 32 个单位')
  })

  it('shows the leaders only, in columns, when not all fit, and calls the Corps XPCC in English', async () => {
    const wrapper = auction({ fit: { blocks: 2, rowsPerBlock: 6, perPage: 12, fontPx: 24 } }, 'en')
    expect(wrapper.findAll('ol')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="ranking-row"]')).toHaveLength(12)
    await nextTick()
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe('Top 12')
    expect(wrapper.findAll('ol')[1]!.attributes('start')).toBe('7')
    const all = auction({}, 'en')
    expect(all.text()).toContain('XPCC')
    expect(all.text()).not.toContain('Production and Construction')
  })

  it('waits before data and marks stale data', async () => {
    expect(auction({ waiting: true }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = auction({ stale: true, ageMs: 12_000 })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('12秒')
    expect(stale.findAll('[data-testid="ranking-row"]')).toHaveLength(32)
  })
})

describe('PanelRankedUnits, 终本 units', () => {
  it('ranks the biggest pools with pool and restarts after each bar', async () => {
    const wrapper = termination({ fit: { blocks: 1, rowsPerBlock: 15, perPage: 15, fontPx: 20 } })
    expect(wrapper.attributes('data-panel')).toBe('termination-units')
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(15)
    expect(rows[0]!.text()).toContain('广东')
    expect(rows[0]!.text()).toMatch(/在库 \d+(\.\d+)?万 · 恢复 \d+(\.\d+)?万/)
    await nextTick()
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe('前 15 名')
  })

  it('waits before data and marks stale data', async () => {
    expect(termination({ waiting: true }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = termination({ stale: true, ageMs: 20_000 })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('20秒')
    await nextTick()
    expect(stale.find('[data-testid="units-badge"]').text()).toBe('全部 32 个单位')
  })
})
