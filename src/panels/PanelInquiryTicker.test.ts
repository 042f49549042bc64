// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { COURT_UNITS } from '~/protocol'
import { MEASURES_NOW, inquiryStats } from '~/test/measures-fixtures'
import PanelInquiryTicker from './PanelInquiryTicker.vue'
import { mountWall } from '~/test/mount-wall'

const ticker = () => inquiryStats().ticker
/** the first em length in a style text: `top: 12.5em` → 12.5, `translateY(-3em)` → -3 */
const emOf = (text: string): number => Number(/(-?[\d.]+)em/.exec(text)?.[1] ?? Number.NaN)

describe('PanelInquiryTicker', () => {
  it('lists the newest inquiries first: time, unit, agency, asset kind, action, amount', () => {
    const wrapper = mountWall(PanelInquiryTicker, { props: { ticker: ticker() } })
    expect(wrapper.attributes('data-panel')).toBe('inquiryTicker')
    const rows = wrapper.findAll('[data-testid="ticker-row"]')
    expect(rows).toHaveLength(30)
    const first = rows[0]!
    expect(first.attributes('data-action')).toBe('freeze')
    // 2026-03-05 02:00:00 UTC is 10:00:00 in Beijing
    expect(first.text()).toContain('10:00:00')
    expect(first.text()).toContain('北京')
    expect(first.text()).toContain('银行')
    expect(first.text()).toContain('存款')
    expect(first.text()).toContain('冻结')
    expect(first.text()).toContain('12.35万元')
    const query = rows[2]!
    expect(query.attributes('data-action')).toBe('query')
    expect(query.text()).toContain('查询')
    expect(query.text()).toContain('—')
    expect(rows[1]!.text()).toContain('兵团')
    expect(wrapper.text()).toContain('不含当事人信息')
  })

  it('puts a new inquiry on top and keeps at most the limit', async () => {
    const wrapper = mountWall(PanelInquiryTicker, { props: { ticker: ticker(), limit: 8 } })
    expect(wrapper.findAll('[data-testid="ticker-row"]')).toHaveLength(8)
    const fresh = { id: 'inq-new', at: MEASURES_NOW + 1000, unitId: COURT_UNITS[8]!.id, agency: 'securities' as const, assetKind: 'securities' as const, action: 'freeze' as const, amount: 5_000_000 }
    await wrapper.setProps({ ticker: [fresh, ...ticker()].slice(0, 30) })
    await flushPromises()
    const rows = wrapper.findAll('[data-testid="ticker-row"]')
    expect(rows).toHaveLength(8)
    expect(rows[0]!.text()).toContain('上海')
    expect(rows[0]!.text()).toContain('500万元')
  })

  it('moves the list, not the rows: a kept row keeps its place and only the list shifts by the new rows', async () => {
    const wrapper = mountWall(PanelInquiryTicker, { props: { ticker: ticker(), limit: 8 } })
    const list = () => wrapper.find('[data-testid="ticker-rows"]').element as HTMLOListElement
    const topsBefore = wrapper.findAll('[data-testid="ticker-row"]').map(r => emOf(r.attributes('style') ?? ''))
    const shiftBefore = emOf(list().style.transform)
    const fresh = (n: number) => ({ ...ticker()[0]!, id: `inq-new${n}`, at: MEASURES_NOW + n })
    await wrapper.setProps({ ticker: [fresh(2), fresh(1), ...ticker()].slice(0, 30) })
    await flushPromises()
    const topsAfter = wrapper.findAll('[data-testid="ticker-row"]').map(r => emOf(r.attributes('style') ?? ''))
    // the six rows kept are where they were in the list; the new two sit above them, one row apart
    expect(topsAfter.slice(2)).toEqual(topsBefore.slice(0, 6))
    expect(topsAfter[1]! - topsAfter[2]!).toBeCloseTo(-1.9, 6)
    expect(topsAfter[0]! - topsAfter[1]!).toBeCloseTo(-1.9, 6)
    // and the list moved down by two rows, so the newest row is at the viewport's top
    expect(emOf(list().style.transform) - shiftBefore).toBeCloseTo(3.8, 6)
    expect(emOf(list().style.transform) + topsAfter[0]!).toBeCloseTo(0, 6)
  })

  it('keeps the rows already shown as they are and shows what a reused id now says', async () => {
    const wrapper = mountWall(PanelInquiryTicker, { props: { ticker: ticker(), limit: 8 } })
    const before = wrapper.findAll('[data-testid="ticker-row"]').map(r => r.element)
    const fresh = { ...ticker()[0]!, id: 'inq-new', at: MEASURES_NOW + 1000 }
    // a fresh decode of the same entries: new objects, same contents
    await wrapper.setProps({ ticker: [fresh, ...ticker()].slice(0, 30) })
    await flushPromises()
    const after = wrapper.findAll('[data-testid="ticker-row"]').map(r => r.element)
    expect(after.slice(1)).toEqual(before.slice(0, 7))
    expect(after[1]!.textContent).toBe(before[0]!.textContent)
    // the same id with other contents (a restarted source): the row says the new thing
    const changed = { ...ticker()[0]!, action: 'freeze' as const, amount: 7_000_000 }
    await wrapper.setProps({ ticker: [fresh, changed, ...ticker().slice(1)].slice(0, 30) })
    await flushPromises()
    const second = wrapper.findAll('[data-testid="ticker-row"]')[1]!
    expect(second.attributes('data-action')).toBe('freeze')
    expect(second.text()).toContain('700万元')
  })

  it('highlights the rows a message brought, until the next one or for a moment and no longer', async () => {
    vi.useFakeTimers()
    try {
      const wrapper = mountWall(PanelInquiryTicker, { props: { ticker: ticker(), limit: 8 } })
      const highlighted = () => wrapper.findAll('[data-testid="ticker-row"]').filter(r => r.classes('ticker__row--fresh')).map(r => r.text())
      // the first list is not news
      expect(highlighted()).toEqual([])
      const fresh = (n: number) => ({ ...ticker()[0]!, id: `inq-new${n}`, at: MEASURES_NOW + n * 60_000 })
      await wrapper.setProps({ ticker: [fresh(2), fresh(1), ...ticker()].slice(0, 30) })
      await flushPromises()
      const rows = wrapper.findAll('[data-testid="ticker-row"]')
      expect(highlighted()).toEqual([rows[0]!.text(), rows[1]!.text()])
      // the next message's row takes the highlight over
      await wrapper.setProps({ ticker: [fresh(3), fresh(2), fresh(1), ...ticker()].slice(0, 30) })
      await flushPromises()
      expect(highlighted()).toEqual([wrapper.findAll('[data-testid="ticker-row"]')[0]!.text()])
      // the same rows again change nothing; after a quiet moment no row is highlighted
      await wrapper.setProps({ ticker: [fresh(3), fresh(2), fresh(1), ...ticker()].slice(0, 30) })
      await flushPromises()
      expect(highlighted()).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(1500)
      expect(highlighted()).toEqual([])
    }
    finally {
      vi.useRealTimers()
    }
  })

  it('never keeps more than 30 rows, whatever the limit', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ ...ticker()[0]!, id: `inq-x${i}`, at: MEASURES_NOW - i }))
    const wrapper = mountWall(PanelInquiryTicker, { props: { ticker: long, limit: 100 } })
    expect(wrapper.findAll('[data-testid="ticker-row"]')).toHaveLength(30)
  })

  it('reads in English', () => {
    const wrapper = mountWall(PanelInquiryTicker, { props: { ticker: ticker() } }, 'en')
    const first = wrapper.find('[data-testid="ticker-row"]')
    expect(first.text()).toContain('Beijing')
    expect(first.text()).toContain('Freeze')
    expect(first.text()).toContain('Deposits')
    expect(wrapper.findAll('[data-testid="ticker-row"]')[1]!.text()).toContain('XPCC')
  })

  it('shows an empty ticker as such, waits before data and marks stale data', () => {
    expect(mountWall(PanelInquiryTicker, { props: { ticker: [] } }).text()).toContain('暂无动态')
    expect(mountWall(PanelInquiryTicker, { props: { ticker: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelInquiryTicker, { props: { ticker: ticker(), stale: true, ageMs: 30_000 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('30秒')
    expect(stale.findAll('[data-testid="ticker-row"]')).toHaveLength(30)
  })
})
