// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { UNIT_IDS } from '~/protocol'
import ControlProvincePicker from './ControlProvincePicker.vue'
import { mountTerminal } from '~/test/mount-terminal'

describe('ControlProvincePicker', () => {
  it('has one tile for each of the 32 units, each in a cell of its own', () => {
    const wrapper = mountTerminal(ControlProvincePicker, { props: { currentUnitId: null, focusOnWall: false, focusPageAvailable: true } })
    const tiles = wrapper.findAll('[data-testid="control-unit"]')
    expect(tiles.map(tile => tile.attributes('data-unit')).sort()).toEqual([...UNIT_IDS].sort())
    const cells = wrapper.findAll('.control-units__cell').map(cell => `${cell.attributes('style')}`)
    expect(new Set(cells).size).toBe(32)
    expect(wrapper.find('[data-unit="150000"]').text()).toBe('内蒙古')
    expect(wrapper.find('[data-unit="XPCC"]').text()).toBe('兵团')
  })

  it('marks the focused unit and emits the one tapped', async () => {
    const wrapper = mountTerminal(ControlProvincePicker, { props: { currentUnitId: '440000', focusOnWall: true, focusPageAvailable: true } }, 'en')
    const guangdong = wrapper.find('[data-unit="440000"]')
    expect(guangdong.attributes('data-current')).toBe('true')
    expect(guangdong.attributes('data-on-wall')).toBe('true')
    expect(guangdong.text()).toBe('GD')
    expect(guangdong.attributes('aria-label')).toBe('Guangdong')
    expect(wrapper.text()).toContain('Focused: Guangdong')
    await wrapper.find('[data-unit="650000"]').trigger('click')
    expect(wrapper.emitted('select')).toEqual([['650000']])
  })

  it('warns when the server has no focus page', () => {
    const wrapper = mountTerminal(ControlProvincePicker, { props: { currentUnitId: null, focusOnWall: false, focusPageAvailable: false } })
    expect(wrapper.text()).toContain('聚焦页面尚未安装')
  })
})
