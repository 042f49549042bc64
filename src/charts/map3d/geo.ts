/**
 * The geometry of the 3D China map. echarts-gl draws exactly the GeoJSON it is given, so the
 * South China Sea Islands inset and Diaoyu Island — which ECharts adds by itself only to a 2D map
 * named 'china' — are added here, from the same Apache-licensed data (src/data/south-china-sea.json).
 */
import chinaJson from '~/data/china.json'
import southChinaSeaJson from '~/data/south-china-sea.json'
import { CORPS_HOST_ID, CORPS_ID, NO_DATA_REGIONS } from '~/protocol'
import { MAP_NAME_BY_ID } from '../heatmap'

/** The name the 3D map is registered under; 'china' stays the plain 2D map. */
export const MAP3D_NAME = 'china-3d'
/** Region name of the South China Sea Islands inset. */
export const SOUTH_CHINA_SEA_REGION = '南海诸岛'
/** Region names of the places drawn as part of China without figures of their own (台湾, 香港, 澳门). */
export const NO_DATA_REGION_NAMES: readonly string[] = NO_DATA_REGIONS.map(region => regionNameOf(String(region.adcode)))

type Position = [number, number]
type Ring = Position[]

/** A GeoJSON feature as the map needs it: name and label point in `properties`, polygons only. */
export interface MapFeature {
  type: 'Feature'
  id: string
  properties: { name: string, cp?: number[] }
  geometry: { type: 'Polygon', coordinates: Ring[] } | { type: 'MultiPolygon', coordinates: Ring[][] }
}

/** Plain (uncompressed) GeoJSON of polygons. */
export interface MapGeoJson {
  type: 'FeatureCollection'
  features: MapFeature[]
}

interface CompressedFeature {
  id?: string
  properties: { name: string, cp?: number[] }
  geometry: { type: string, coordinates: unknown, encodeOffsets?: unknown }
}

/**
 * Decode one ring of ECharts' compressed GeoJSON (zig-zag, delta-encoded character pairs).
 * Same algorithm as echarts/lib/coord/geo/parseGeoJson.js, which decodes in place: the 3D map
 * decodes into fresh arrays instead so the 2D map's copy of china.json is never touched.
 */
export function decodeRing(encoded: string, offset: readonly number[], scale = 1024): Ring {
  const ring: Ring = []
  let prevX = offset[0] ?? 0
  let prevY = offset[1] ?? 0
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64
    let y = encoded.charCodeAt(i + 1) - 64
    x = (x >> 1) ^ -(x & 1)
    y = (y >> 1) ^ -(y & 1)
    x += prevX
    y += prevY
    prevX = x
    prevY = y
    ring.push([x / scale, y / scale])
  }
  return ring
}

function decodeFeature(feature: CompressedFeature, encoded: boolean, scale: number): MapFeature {
  const { type, coordinates, encodeOffsets } = feature.geometry
  const properties = { ...feature.properties }
  const id = feature.id ?? properties.name
  const plainRings = (rings: unknown, offsets: unknown): Ring[] => (rings as unknown[]).map((ring, i) =>
    encoded && typeof ring === 'string'
      ? decodeRing(ring, (offsets as number[][])[i] ?? [0, 0], scale)
      : (ring as Ring).map(([x, y]) => [x, y] as Position))
  if (type === 'Polygon')
    return { type: 'Feature', id, properties, geometry: { type, coordinates: plainRings(coordinates, encodeOffsets) } }
  if (type === 'MultiPolygon') {
    const offsets = (encodeOffsets ?? []) as unknown[]
    return {
      type: 'Feature',
      id,
      properties,
      geometry: { type, coordinates: (coordinates as unknown[]).map((polygon, i) => plainRings(polygon, offsets[i])) },
    }
  }
  throw new Error(`map feature ${id}: unsupported geometry ${type}`)
}

/** Decode ECharts' compressed GeoJSON (china.json) into plain GeoJSON, leaving the input untouched. */
export function decodeGeoJson(json: { features: readonly unknown[], UTF8Encoding?: boolean, UTF8Scale?: number }): MapGeoJson {
  const encoded = json.UTF8Encoding === true
  const scale = json.UTF8Scale ?? 1024
  return {
    type: 'FeatureCollection',
    features: json.features.map(feature => decodeFeature(feature as CompressedFeature, encoded, scale)),
  }
}

function ringsOf(feature: MapFeature): Ring[][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
}

/** The polygon's name on the map (china.json's short name) for a unit id or adcode; the Corps maps to its host, 新疆. */
export function regionNameOf(unitId: string): string {
  return MAP_NAME_BY_ID.get(unitId === CORPS_ID ? CORPS_HOST_ID : unitId) ?? unitId
}

let cached: MapGeoJson | null = null

/**
 * china.json + the South China Sea Islands inset as one more region + Diaoyu Island as part of
 * 台湾. Built once; echarts-gl re-reads it on every update, so it must stay the same object.
 */
export function buildChina3dGeoJson(): MapGeoJson {
  if (cached)
    return cached
  const china = decodeGeoJson(chinaJson as { features: unknown[], UTF8Encoding?: boolean })
  const extras = (southChinaSeaJson.features as unknown as (MapFeature & { properties: { partOf?: string } })[])
  for (const extra of extras) {
    const host = extra.properties.partOf === undefined ? undefined : china.features.find(f => f.id === extra.properties.partOf)
    if (host) {
      host.geometry = { type: 'MultiPolygon', coordinates: [...ringsOf(host), ...ringsOf(extra)] }
    }
    else {
      const { name, cp } = extra.properties
      china.features.push({ ...decodeFeature(extra, false, 1), properties: cp ? { name, cp: [...cp] } : { name } })
    }
  }
  cached = china
  return china
}

/** Label point of a region (china.json's `cp`), or null when the map has no such region. */
export function labelPointOf(regionName: string): Position | null {
  const feature = buildChina3dGeoJson().features.find(f => f.properties.name === regionName)
  const cp = feature?.properties.cp
  return cp && cp.length >= 2 ? [cp[0] ?? 0, cp[1] ?? 0] : null
}
