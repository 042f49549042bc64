/**
 * echarts-gl (about 450 kB) must reach the browser only with the 3D page: nothing may import it
 * statically, and the loader must use dynamic import() of the package's real entry points.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../../', import.meta.url))
const ROOT = join(SRC, '..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return sources(path)
    return /\.(?:ts|vue)$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;()]*?from\s+['"]echarts-gl(?:\/[^'"]*)?['"]|(?:^|\n)\s*import\s+['"]echarts-gl(?:\/[^'"]*)?['"]/

describe('echarts-gl is loaded lazily', () => {
  it('no module under src/ imports echarts-gl statically', () => {
    const offenders = sources(SRC).filter(path => STATIC_IMPORT.test(readFileSync(path, 'utf8')))
    expect(offenders).toEqual([])
  })

  it('the loader imports the bar3D and geo3D entry points dynamically', () => {
    const loader = readFileSync(join(SRC, 'charts/map3d/loadGl.ts'), 'utf8')
    expect(loader).toContain('import(\'echarts-gl/charts\')')
    expect(loader).toContain('import(\'echarts-gl/components\')')
  })

  it('the option builders do not import echarts at all, so they test without a browser', () => {
    for (const file of ['option.ts', 'geo.ts']) {
      const text = readFileSync(join(SRC, 'charts/map3d', file), 'utf8')
      expect(text).not.toMatch(/from\s+['"]echarts/)
    }
  })

  it('those entry points exist in echarts-gl 2.1 and export what the loader registers', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/echarts-gl/package.json'), 'utf8')) as { version: string, exports?: unknown }
    expect(pkg.version).toBe('2.1.0')
    // no "exports" map: 'echarts-gl/charts' resolves to charts.js
    expect(pkg.exports).toBeUndefined()
    expect(existsSync(join(ROOT, 'node_modules/echarts-gl/charts.js'))).toBe(true)
    expect(readFileSync(join(ROOT, 'node_modules/echarts-gl/lib/export/charts.js'), 'utf8')).toContain('as Bar3DChart')
    expect(readFileSync(join(ROOT, 'node_modules/echarts-gl/lib/export/components.js'), 'utf8')).toContain('as Geo3DComponent')
  })
})
