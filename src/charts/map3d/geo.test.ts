import { describe, expect, it } from 'vitest'
import chinaJson from '~/data/china.json'
import { buildChina3dGeoJson, decodeGeoJson, decodeRing, labelPointOf, NO_DATA_REGION_NAMES, regionNameOf, SOUTH_CHINA_SEA_REGION, type MapFeature } from './geo'

function rings(feature: MapFeature) {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
}

function points(feature: MapFeature) {
  return rings(feature).flat(2)
}

describe('decodeRing', () => {
  it('undoes the zig-zag delta encoding of ECharts\' compressed GeoJSON', () => {
    // '@@' is a zero step; 'B@' steps x by +1, 'A@' by -1 (zig-zag), in 1/1024 degree units
    expect(decodeRing('@@B@A@', [1024 * 100, 1024 * 30])).toEqual([[100, 30], [100 + 1 / 1024, 30], [100, 30]])
  })
})

describe('decodeGeoJson', () => {
  it('decodes china.json into plain coordinates and leaves the imported object untouched', () => {
    const before = JSON.stringify(chinaJson)
    const plain = decodeGeoJson(chinaJson as Parameters<typeof decodeGeoJson>[0])
    expect(JSON.stringify(chinaJson)).toBe(before)
    expect(plain.features).toHaveLength(34)
    for (const feature of plain.features) {
      for (const [lng, lat] of points(feature)) {
        expect(lng).toBeGreaterThan(73)
        expect(lng).toBeLessThan(136)
        expect(lat).toBeGreaterThan(3)
        expect(lat).toBeLessThan(54)
      }
    }
  })
})

describe('buildChina3dGeoJson', () => {
  const map = buildChina3dGeoJson()
  const byName = new Map(map.features.map(f => [f.properties.name, f]))

  it('is china.json plus the South China Sea Islands inset', () => {
    expect(map.features).toHaveLength(35)
    expect([...byName.keys()]).toContain('北京')
    const inset = byName.get(SOUTH_CHINA_SEA_REGION)!
    expect(inset).toBeDefined()
    // the coastline stub, ten boundary dashes, the frame
    expect(rings(inset)).toHaveLength(12)
    for (const [lng, lat] of points(inset)) {
      expect(lng).toBeGreaterThanOrEqual(126)
      expect(lng).toBeLessThanOrEqual(132.1)
      expect(lat).toBeGreaterThanOrEqual(18.3)
      expect(lat).toBeLessThanOrEqual(25)
    }
    expect(labelPointOf(SOUTH_CHINA_SEA_REGION)).toEqual([129.05, 19])
  })

  it('draws Diaoyu Island as part of 台湾, not as a region of its own', () => {
    const taiwan = byName.get('台湾')!
    const original = decodeGeoJson(chinaJson as Parameters<typeof decodeGeoJson>[0]).features.find(f => f.id === '710000')!
    expect(rings(taiwan)).toHaveLength(rings(original).length + 1)
    expect(points(taiwan)).toContainEqual([123.451653, 25.735272])
    expect(byName.has('钓鱼岛')).toBe(false)
  })

  it('is built once: echarts-gl re-reads the same object on every update', () => {
    expect(buildChina3dGeoJson()).toBe(map)
  })
})

describe('region names', () => {
  it('maps unit ids to the map\'s names, the Corps to its host 新疆', () => {
    expect(regionNameOf('110000')).toBe('北京')
    expect(regionNameOf('150000')).toBe('内蒙古')
    expect(regionNameOf('XPCC')).toBe('新疆')
    expect([...NO_DATA_REGION_NAMES].sort()).toEqual(['台湾', '澳门', '香港'].sort())
  })

  it('knows every province\'s label point', () => {
    expect(labelPointOf('新疆')).toEqual([85.617733, 40.792818])
    expect(labelPointOf('nowhere')).toBeNull()
  })
})
