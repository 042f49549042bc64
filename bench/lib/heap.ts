/** JS heap of the page after a full garbage collection, through the DevTools protocol. */
import type { Page } from 'playwright-core'

/** Used JS heap in bytes, measured after forcing a GC so that only live objects count. */
export async function liveHeapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    const usage = await cdp.send('Runtime.getHeapUsage')
    return usage.usedSize
  }
  finally {
    await cdp.detach()
  }
}
