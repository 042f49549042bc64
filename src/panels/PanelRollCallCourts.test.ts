// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { rollCall } from '~/test/supervision-fixtures'
import PanelRollCallCourts from './PanelRollCallCourts.vue'
import { mountWall } from '~/test/mount-wall'

const base = { phase: 'drawn' as const, drawingCount: 3, target: 90, fontPx: 20 }

afterEach(() => {
  vi.useRealTimers()
})

describe('PanelRollCallCourts', () => {
  it('deals one card per drawn court', () => {
    const wrapper = mountWall(PanelRollCallCourts, { props: { rollCall: rollCall(), ...base } })
    expect(wrapper.attributes('data-panel')).toBe('rollcall-courts')
    const cards = wrapper.findAll('[data-testid="court-card"]')
    expect(cards.map(c => c.attributes('data-court'))).toEqual(['320000-basic-37', 'XPCC-intermediate-3', '310000-high-1'])
    expect(wrapper.findAll('[data-testid="video-slot"]')).toHaveLength(3)
    expect(wrapper.findAll('video')).toHaveLength(1)
    expect(wrapper.find('[data-testid="rollcall-drawing"]').exists()).toBe(false)
  })

  it('shows face-down cards, not the old courts and not nothing, while a draw is on its way', () => {
    const wrapper = mountWall(PanelRollCallCourts, { props: { rollCall: rollCall(), ...base, phase: 'drawing', drawingCount: 12 } })
    const drawing = wrapper.find('[data-testid="rollcall-drawing"]')
    expect(drawing.exists()).toBe(true)
    expect(drawing.text()).toContain('正在随机抽取 12 家法院…')
    expect(drawing.findAll('.courts__face-down')).toHaveLength(12)
    expect(wrapper.findAll('[data-testid="court-card"]')).toHaveLength(0)
    expect(wrapper.find('[data-testid="panel-waiting"]').exists()).toBe(false)
  })

  it('announces a re-draw when the draw changes, and deals new cards', async () => {
    vi.useFakeTimers()
    const wrapper = mountWall(PanelRollCallCourts, { props: { rollCall: rollCall(), ...base, flashMs: 3000 } })
    expect(wrapper.find('[data-testid="redraw-flash"]').exists()).toBe(false)
    const firstCard = wrapper.find('[data-testid="court-card"]').element
    const next = rollCall({ drawId: 'draw-8-xyz', courts: rollCall().courts.slice(0, 2) })
    await wrapper.setProps({ rollCall: next })
    expect(wrapper.find('[data-testid="redraw-flash"]').text()).toBe('已重新抽取 2 家法院')
    expect(wrapper.find('.courts').attributes('data-draw')).toBe('draw-8-xyz')
    expect(wrapper.find('[data-testid="court-card"]').element).not.toBe(firstCard)
    vi.advanceTimersByTime(3000)
    await nextTick()
    expect(wrapper.find('[data-testid="redraw-flash"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('keeps its cards (and their videos) when only the figures of the same draw change', async () => {
    const wrapper = mountWall(PanelRollCallCourts, { props: { rollCall: rollCall(), ...base } })
    const video = wrapper.find('video').element
    const courts = rollCall().courts.map(c => ({ ...c, casesReceivedYtd: c.casesReceivedYtd + 1 }))
    await wrapper.setProps({ rollCall: rollCall({ courts, asOf: rollCall().asOf + 4000 }) })
    expect(wrapper.find('video').element).toBe(video)
    expect(wrapper.find('[data-testid="court-received"]').text()).toBe('4124件')
    expect(wrapper.find('[data-testid="redraw-flash"]').exists()).toBe(false)
  })

  it('turns pages when the draw does not fit', async () => {
    vi.useFakeTimers()
    const wrapper = mountWall(PanelRollCallCourts, { props: { rollCall: rollCall(), ...base, rotateMs: 2000, fit: { columns: 2, rows: 1, perPage: 2 } } })
    expect(wrapper.findAll('[data-testid="court-card"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="courts-page"]').text()).toBe('第 1/2 页')
    vi.advanceTimersByTime(2000)
    await nextTick()
    expect(wrapper.findAll('[data-testid="court-card"]').map(c => c.attributes('data-court'))).toEqual(['310000-high-1'])
    wrapper.unmount()
  })

  it('waits before any courts arrived and marks stale data', () => {
    expect(mountWall(PanelRollCallCourts, { props: { rollCall: null, ...base, phase: 'waiting' } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelRollCallCourts, { props: { rollCall: rollCall(), ...base, stale: true, ageMs: 25_000 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('25秒')
    expect(stale.findAll('[data-testid="court-card"]')).toHaveLength(3)
  })
})
