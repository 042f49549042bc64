// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ControlPage } from '~/protocol'
import ControlPageList from './ControlPageList.vue'
import { mountTerminal } from '~/test/mount-terminal'

const PAGES: ControlPage[] = [
  { id: 'overview', title: { zh: '全国总览', en: 'National Overview' } },
  { id: 'province', title: { zh: '省份聚焦', en: 'Province Focus' } },
  { id: 'battleplan', title: { zh: '挂图作战', en: 'Battle Plan' } },
]

describe('ControlPageList', () => {
  it('shows every page by its title and marks the one on the wall', () => {
    const wrapper = mountTerminal(ControlPageList, { props: { pages: PAGES, currentPage: 'province' } })
    const tiles = wrapper.findAll('[data-testid="control-page"]')
    expect(tiles.map(tile => tile.attributes('data-page'))).toEqual(['overview', 'province', 'battleplan'])
    expect(tiles.map(tile => tile.attributes('data-current'))).toEqual(['false', 'true', 'false'])
    expect(tiles[1]!.attributes('aria-current')).toBe('true')
    expect(tiles[0]!.attributes('aria-current')).toBeUndefined()
    expect(tiles[1]!.text()).toContain('省份聚焦')
    expect(tiles[1]!.text()).toContain('大屏显示中')
  })

  it('speaks the terminal\'s language', () => {
    const wrapper = mountTerminal(ControlPageList, { props: { pages: PAGES, currentPage: 'overview' } }, 'en')
    expect(wrapper.find('[data-page="battleplan"]').text()).toContain('Battle Plan')
    expect(wrapper.find('[data-page="overview"]').text()).toContain('On the wall')
  })

  it('emits the page tapped, and follows the wall rather than the tap', async () => {
    const wrapper = mountTerminal(ControlPageList, { props: { pages: PAGES, currentPage: 'overview' } })
    await wrapper.find('[data-page="battleplan"]').trigger('click')
    expect(wrapper.emitted('select')).toEqual([['battleplan']])
    expect(wrapper.find('[data-page="battleplan"]').attributes('data-current')).toBe('false')
    await wrapper.setProps({ currentPage: 'battleplan' })
    expect(wrapper.find('[data-page="battleplan"]').attributes('data-current')).toBe('true')
    expect(wrapper.find('[data-page="overview"]').attributes('data-current')).toBe('false')
  })

  it('waits for the page list, and cannot be tapped while disconnected', () => {
    expect(mountTerminal(ControlPageList, { props: { pages: [], currentPage: null } }).text()).toContain('等待页面列表')
    const wrapper = mountTerminal(ControlPageList, { props: { pages: PAGES, currentPage: 'overview', disabled: true } })
    expect(wrapper.findAll('button').every(button => button.attributes('disabled') !== undefined)).toBe(true)
  })
})
