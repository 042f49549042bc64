import { delay } from '../e2e/harness.ts'
import { openControlledWall } from './lib/control.ts'
const pageId = process.argv[2] ?? 'inquiry'
const wall = await openControlledWall({ width: 7680, height: 2160, feedRate: 10, initScripts: [] })
try {
  await wall.show(pageId)
  await delay(5000)
  const cdp = await wall.wall.page.context().newCDPSession(wall.wall.page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  await cdp.send('Profiler.start')
  await delay(20000)
  const { profile } = await cdp.send('Profiler.stop') as any
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]))
  const self = new Map<number, number>()
  const dt: number[] = profile.timeDeltas
  profile.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const fnSelf = new Map<string, number>(); const fnTotal = new Map<string, number>()
  const key = (n: any) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
  for (const [id, us] of self) {
    const n = byId.get(id); fnSelf.set(key(n), (fnSelf.get(key(n)) ?? 0) + us)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) { const k = key(byId.get(cur)); if (!seen.has(k)) { seen.add(k); fnTotal.set(k, (fnTotal.get(k) ?? 0) + us) } }
  }
  console.log('SELF'); for (const [k, us] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${k}`)
  console.log('TOTAL'); for (const [k, us] of [...fnTotal].sort((a, b) => b[1] - a[1]).slice(0, 50)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${k}`)
} finally { await wall.close() }
