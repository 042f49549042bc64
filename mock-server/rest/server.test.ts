import { afterEach, describe, expect, it } from 'vitest'
import { createMockSystem, type MockSystem } from './server.ts'

let system: MockSystem | null = null
afterEach(async () => {
  await system?.close()
  system = null
})

async function get(url: string): Promise<{ status: number, text: string } | 'no answer'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
    return { status: response.status, text: await response.text() }
  }
  catch {
    return 'no answer'
  }
}

describe('mock-server over HTTP', () => {
  it('answers the API and /healthz, and refuses what is not a GET', async () => {
    system = createMockSystem({ port: 0, seed: 1 })
    const port = await system.listen()
    const summary = await get(`http://127.0.0.1:${port}/api/v1/national/summary`)
    expect(summary).not.toBe('no answer')
    expect(JSON.parse((summary as { text: string }).text)).toMatchObject({ code: 0, message: 'ok', data: { stat_year: expect.any(Number) } })
    expect(await get(`http://127.0.0.1:${port}/healthz`)).toMatchObject({ status: 200 })
    expect(await get(`http://127.0.0.1:${port}/api/v1/nothing`)).toMatchObject({ status: 404 })
    const post = await fetch(`http://127.0.0.1:${port}/api/v1/national/summary`, { method: 'POST' })
    expect(post.status).toBe(405)
  })

  it('with faults, answers some requests with 503, some with a broken body and some slowly', async () => {
    system = createMockSystem({ port: 0, seed: 1, faults: true })
    const port = await system.listen()
    const results: Awaited<ReturnType<typeof get>>[] = []
    for (let i = 0; i < 150; i++)
      results.push(await get(`http://127.0.0.1:${port}/api/v1/national/summary`))
    const unavailable = results.filter(r => r !== 'no answer' && r.status === 503).length
    const broken = results.filter((r) => {
      if (r === 'no answer' || r.status !== 200)
        return false
      try {
        JSON.parse(r.text)
        return false
      }
      catch {
        return true
      }
    }).length
    const slow = results.filter(r => r === 'no answer').length
    expect(unavailable).toBeGreaterThan(0)
    expect(broken).toBeGreaterThan(0)
    expect(slow).toBeGreaterThan(0)
    expect(system.counts).toMatchObject({ unavailable, broken, slow })
    expect(system.counts.ok).toBeGreaterThan(100)
  })
})
