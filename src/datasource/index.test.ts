import { describe, expect, it } from 'vitest'
import { loadWallConfig } from '~/config'
import { createDataSource, DATA_SOURCE_KINDS } from './index'

describe('createDataSource', () => {
  it('builds the configured transport without connecting it', () => {
    const source = createDataSource(loadWallConfig('?feed=ws://wall.test/feed'))
    expect(source.kind).toBe('websocket')
    expect(source.status).toBe('connecting')
    expect(DATA_SOURCE_KINDS).toContain('websocket')
    source.close()
  })

  it('names the known kinds when asked for an unknown one', () => {
    const config = loadWallConfig('')
    config.dataSource.kind = 'carrier-pigeon'
    expect(() => createDataSource(config)).toThrow(/carrier-pigeon.*websocket/)
  })
})
