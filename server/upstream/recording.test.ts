import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { kpi } from '../../src/test/fixtures.ts'
import { decodeRecording, encodeRecording, RecordingError, shiftTimes, timeFields, type Recording } from './recording.ts'

const recording: Recording = {
  header: { recording: 1, source: { name: 'Simulator (seed 1)', simulated: true }, startedAt: 1_000_000, note: 'test' },
  entries: [
    { offsetMs: 0, topic: 'national.kpi', payload: kpi({ asOf: 1_000_000 }) },
    { offsetMs: 1500, topic: 'national.kpi', payload: kpi({ asOf: 1_001_500 }) },
  ],
}

describe('recording format', () => {
  it('is a header line, then one compact [offsetMs, topic, payload] line per payload; gzip when asked', () => {
    const plain = encodeRecording(recording, false).toString()
    const lines = plain.trim().split('\n')
    expect(JSON.parse(lines[0] as string)).toEqual(recording.header)
    expect(lines[1]).toMatch(/^\[0,"national\.kpi",\{"asOf":1000000,/)
    expect(lines).toHaveLength(3)
    const gz = encodeRecording(recording, true)
    expect(gunzipSync(gz).toString()).toBe(plain)
    expect(decodeRecording(gz, 1e6)).toEqual(recording)
    expect(decodeRecording(Buffer.from(plain), 1e6)).toEqual(recording)
  })

  it('writes a payload unchanged but for its times as [offsetMs, topic], and reads it back with its times moved on', () => {
    const plan = { asOf: 1_000_000, milestones: [] }
    const repeated: Recording = {
      header: recording.header,
      entries: [
        { offsetMs: 0, topic: 'battleplan.milestones', payload: plan },
        { offsetMs: 2000, topic: 'battleplan.milestones', payload: { ...plan, asOf: 1_002_000 } },
        { offsetMs: 3000, topic: 'battleplan.milestones', payload: { ...plan, asOf: 1_003_000, milestones: [{ id: 'x' }] } },
      ],
    }
    const lines = encodeRecording(repeated, false).toString().trim().split('\n')
    expect(lines[2]).toBe('[2000,"battleplan.milestones"]')
    expect(lines[3]).toMatch(/^\[3000,"battleplan\.milestones",\{/)
    expect(decodeRecording(Buffer.from(lines.join('\n')), 1e6)).toEqual(repeated)
    expect(() => decodeRecording(Buffer.from(`${lines[0]}\n[5,"national.kpi"]\n`), 1e6)).toThrow('line 2: repeats national.kpi, which has no payload before it')
  })

  it('refuses what is not a recording, with the line that is wrong', () => {
    expect(() => decodeRecording(Buffer.from(''), 1e6)).toThrow(RecordingError)
    expect(() => decodeRecording(Buffer.from('{"x":1}\n'), 1e6)).toThrow(/line 1 is not a recording header/)
    const header = JSON.stringify(recording.header)
    expect(() => decodeRecording(Buffer.from(`${header}\n[5,"a",{}]\n[4,"a",{}]\n`), 1e6)).toThrow('line 3: times must not go back')
    expect(() => decodeRecording(Buffer.from(`${header}\n{"t":1}\n`), 1e6)).toThrow('line 2: expected [offsetMs, "topic", payload] or [offsetMs, "topic"]')
    expect(() => decodeRecording(Buffer.from(`${header}\n[1,"a","${'x'.repeat(100)}"]\n`), 50)).toThrow('line 2: over 50 bytes')
  })

  it('finds every time the protocol declares in epoch ms, and moves only those', () => {
    expect(timeFields('national.kpi')).toEqual(['asOf'])
    expect(timeFields('inquiry.stats')).toEqual(['asOf', 'ticker[].at'])
    expect(timeFields('termination.stats')).toEqual(['asOf', 'cycle.startedAt', 'cycle.nextAt'])
    expect(timeFields('rollcall.courts')).toEqual(['asOf', 'drawnAt'])
    const payload = { asOf: 100, ticker: [{ at: 50, id: 'x', amount: 7 }], reach: { agencies: 16 } }
    expect(shiftTimes('inquiry.stats', payload, 1000)).toEqual({ asOf: 1100, ticker: [{ at: 1050, id: 'x', amount: 7 }], reach: { agencies: 16 } })
    expect(payload.asOf).toBe(100)
    const cycle = { asOf: 1, cycle: { startedAt: 2, nextAt: 3, queried: 4 } }
    expect(shiftTimes('termination.stats', cycle, 10)).toEqual({ asOf: 11, cycle: { startedAt: 12, nextAt: 13, queried: 4 } })
  })
})
