// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { UNIT_BY_ID } from '~/protocol'
import PanelUnitProfile from './PanelUnitProfile.vue'
import { mountWall } from '~/test/mount-wall'

function counts(wrapper: ReturnType<typeof mountWall>) {
  return Object.fromEntries(wrapper.findAll('[data-testid="court-count"]').map(c => [c.attributes('data-level'), c.find('.profile__n').text()]))
}

describe('PanelUnitProfile', () => {
  it('names the unit and its high court, and counts its courts by level (江苏)', () => {
    const wrapper = mountWall(PanelUnitProfile, { props: { unit: UNIT_BY_ID.get('320000')! } })
    expect(wrapper.attributes('data-panel')).toBe('unitProfile')
    expect(wrapper.find('[data-testid="unit-name"]').text()).toBe('江苏省')
    expect(wrapper.text()).toContain('江苏省高级人民法院')
    expect(counts(wrapper)).toEqual({ high: '1家', intermediate: '14家', basic: '110家' })
    expect(wrapper.find('[data-testid="courts-total"]').text()).toBe('共 125 家')
    expect(wrapper.find('[data-testid="corps-note"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="focus-defaulted"]').exists()).toBe(false)
  })

  it('says how the Corps is shown on the map, and when the unit is only the default', () => {
    const wrapper = mountWall(PanelUnitProfile, { props: { unit: UNIT_BY_ID.get('XPCC')!, defaulted: true } })
    expect(wrapper.find('[data-testid="unit-name"]').text()).toBe('新疆生产建设兵团')
    expect(counts(wrapper)).toEqual({ high: '1家', intermediate: '13家', basic: '30家' })
    expect(wrapper.find('[data-testid="corps-note"]').text()).toContain('新疆')
    expect(wrapper.find('[data-testid="focus-defaulted"]').exists()).toBe(true)
  })

  it('speaks English on an English wall', () => {
    const wrapper = mountWall(PanelUnitProfile, { props: { unit: UNIT_BY_ID.get('320000')! } }, 'en')
    expect(wrapper.find('[data-testid="unit-name"]').text()).toBe('Jiangsu')
    expect(counts(wrapper)).toEqual({ high: '1', intermediate: '14', basic: '110' })
    expect(wrapper.find('[data-testid="courts-total"]').text()).toBe('125 in all')
  })
})
