// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ControlPage, WallClient } from '~/protocol'
import ControlWallStatus from './ControlWallStatus.vue'
import { mountTerminal } from '~/test/mount-terminal'

const NOW = Date.UTC(2025, 2, 5, 2, 0, 0)
const PAGES: ControlPage[] = [{ id: 'overview', title: { zh: '全国总览', en: 'National Overview' } }]
const WALLS: WallClient[] = [
  {
    id: 'a',
    address: '::ffff:10.1.2.3',
    connectedAt: NOW - 600_000,
    lastSeenAt: NOW - 2_000,
    status: { page: 'overview', dataAgeMs: 3_000, profile: 'wall-32x9', width: 7680, height: 2160 },
  },
  { id: 'b', address: '10.1.2.4', connectedAt: NOW - 600_000, lastSeenAt: NOW - 45_000, status: null },
]

describe('ControlWallStatus', () => {
  it('lists each wall with its page, data age and last heartbeat, and marks a silent one', () => {
    const wrapper = mountTerminal(ControlWallStatus, { props: { walls: WALLS, pages: PAGES, now: NOW } })
    const rows = wrapper.findAll('[data-testid="wall-status-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('10.1.2.3')
    expect(rows[0]!.text()).not.toContain('::ffff:')
    expect(rows[0]!.text()).toContain('7680×2160')
    expect(rows[0]!.text()).toContain('全国总览')
    expect(rows[0]!.text()).toContain('3秒')
    expect(rows[0]!.text()).toContain('2秒前')
    expect(rows[0]!.attributes('data-silent')).toBe('false')
    expect(rows[1]!.attributes('data-silent')).toBe('true')
    expect(rows[1]!.text()).toContain('无响应')
    expect(rows[1]!.text()).toContain('未上报')
    expect(wrapper.find('[data-testid="wall-count"]').text()).toBe('2 块大屏在线')
  })

  it('shows no size for a wall that has not measured itself yet', () => {
    const unmeasured: WallClient = { ...WALLS[0]!, status: { ...WALLS[0]!.status!, width: 0, height: 0 } }
    const wrapper = mountTerminal(ControlWallStatus, { props: { walls: [unmeasured], pages: PAGES, now: NOW } })
    const row = wrapper.find('[data-testid="wall-status-row"]')
    expect(row.text()).not.toContain('0×0')
    expect(row.text()).toContain('全国总览')
  })

  it('says when no wall is connected', () => {
    const wrapper = mountTerminal(ControlWallStatus, { props: { walls: [], pages: PAGES, now: NOW } }, 'en')
    expect(wrapper.text()).toContain('No wall connected')
    expect(wrapper.findAll('[data-testid="wall-status-row"]')).toHaveLength(0)
  })

  it('counts every wall, not only the page it lists, and asks for the pages before and after', async () => {
    const wrapper = mountTerminal(ControlWallStatus, { props: { walls: WALLS, total: 1000, offset: 40, pages: PAGES, now: NOW } }, 'en')
    expect(wrapper.find('[data-testid="wall-count"]').attributes('data-count')).toBe('1000')
    expect(wrapper.find('[data-testid="wall-count"]').text()).toBe('1,000 walls connected')
    expect(wrapper.find('[data-testid="wall-range"]').text()).toBe('41–42 of 1,000')
    await wrapper.find('[data-testid="wall-page-next"]').trigger('click')
    await wrapper.find('[data-testid="wall-page-previous"]').trigger('click')
    expect(wrapper.emitted('page')).toEqual([[42], [38]])
  })

  it('shows no pager when the whole list fits one page', () => {
    const wrapper = mountTerminal(ControlWallStatus, { props: { walls: WALLS, total: 2, pages: PAGES, now: NOW } })
    expect(wrapper.find('[data-testid="wall-pager"]').exists()).toBe(false)
  })
})
