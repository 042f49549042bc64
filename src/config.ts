/**
 * The wall's settings: config/wall.json (bundled at build time) with URL parameters on top,
 * `?feed=wss://host/feed&profile=wall-32x9&lang=en` (`?feed=` may list several hubs, separated by
 * commas: the wall moves to the next when its hub goes away). Every field is checked; a bad value falls
 * back to its default and is listed in `issues`, so a typo on a wall's URL never blanks the wall.
 */
import * as v from 'valibot'
import { takeViewToken } from './datasource/websocket'
import wallJson from '../config/wall.json'
import profilesJson from '../config/profiles.json'

export const WALL_LOCALES = ['zh-CN', 'en'] as const
export type WallLocale = typeof WALL_LOCALES[number]

/** Settings as the rest of the wall sees them, after defaults and URL parameters. */
export interface WallConfig {
  /** which DataSource the factory in src/datasource/index.ts builds, and where it connects */
  dataSource: {
    kind: string
    /** '/feed' (resolved against the page: ws: or wss:) or an absolute ws:// / wss:// URL; the first of `urls` */
    url: string
    /**
     * Every feed address, in the order tried: the wall connects to the first and, whenever its
     * connection fails or drops, tries the next (after the last, the first). One address: just `url`.
     */
    urls: string[]
    /** the viewer token from `?view=` (kept for the tab, removed from the address bar); null when none */
    viewToken?: string | null
  }
  /** a topic older than this is marked stale on its panels */
  staleAfterMs: number
  /** no frame for this long (the server sends heartbeats) → drop the connection and reconnect */
  heartbeatTimeoutMs: number
  reconnect: { baseMs: number, maxMs: number, jitter: number }
  /** from ?lang=, else the file's defaultLocale */
  locale: WallLocale
  /** true when ?lang= chose the locale: this wall keeps it whatever language the operator sets for the room */
  localeOverride: boolean
  /** a profile id from config/profiles.json given by ?profile=; null = pick by window shape */
  profile: string | null
  /** what was wrong in the file or the URL and was replaced by a default; empty when all was well */
  issues: string[]
}

export const DEFAULT_CONFIG: Readonly<Omit<WallConfig, 'issues'>> = {
  dataSource: { kind: 'websocket', url: '/feed', urls: ['/feed'] },
  staleAfterMs: 10_000,
  heartbeatTimeoutMs: 6_000,
  reconnect: { baseMs: 500, maxMs: 8_000, jitter: 0.3 },
  locale: 'zh-CN',
  localeOverride: false,
  profile: null,
}

/** The file's `url`, one address or a list, as the wall uses it. */
function feedList(dataSource: { kind: string, url: string | string[] }): WallConfig['dataSource'] {
  const urls = typeof dataSource.url === 'string' ? [dataSource.url] : [...dataSource.url]
  return { kind: dataSource.kind, url: urls[0]!, urls }
}

const PROFILE_IDS: readonly string[] = profilesJson.profiles.map(p => p.id)

const ms = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))

/** ws://, wss://, or a path on this host (not '//host', which would silently change host). */
const feedUrl = v.pipe(v.string(), v.maxLength(500), v.regex(/^(wss?:\/\/[^\s]+|\/(?!\/)\S*)$/, 'not a ws://, wss:// or /path URL'))

/** Feed addresses a wall may be given: the hubs of one centre, a handful. */
export const MAX_FEED_URLS = 8

const fileSchema = v.object({
  dataSource: v.strictObject({
    kind: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/, 'bad data source kind')),
    /** one feed address, or several hubs of one deployment in the order to try them */
    url: v.union([feedUrl, v.pipe(v.array(feedUrl), v.minLength(1), v.maxLength(MAX_FEED_URLS))], 'not a ws://, wss:// or /path URL, or a list of them'),
  }),
  staleAfterMs: ms(1_000, 3_600_000),
  heartbeatTimeoutMs: ms(1_000, 120_000),
  reconnect: v.pipe(
    v.strictObject({
      baseMs: ms(50, 60_000),
      maxMs: ms(50, 300_000),
      jitter: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    }),
    v.check(r => r.maxMs >= r.baseMs, 'maxMs below baseMs'),
  ),
  defaultLocale: v.picklist(WALL_LOCALES),
})
type FileConfig = v.InferOutput<typeof fileSchema>
type FileKey = keyof FileConfig

/** 'zh', 'zh-cn', 'zh-Hans' → 'zh-CN'; 'en', 'en-US' → 'en'; anything else → null. */
export function normalizeLocale(lang: string): WallLocale | null {
  const lower = lang.trim().toLowerCase()
  if (lower === 'zh' || lower.startsWith('zh-'))
    return 'zh-CN'
  if (lower === 'en' || lower.startsWith('en-'))
    return 'en'
  return null
}

function fileDefault(key: FileKey): FileConfig[FileKey] {
  return key === 'defaultLocale' ? DEFAULT_CONFIG.locale : structuredClone(DEFAULT_CONFIG[key])
}

/**
 * Merge the file and the URL. Pure: pass `search` (location.search) and `file` to test it.
 * Fields are checked one by one so one bad field costs only itself.
 */
export function loadWallConfig(search: string = globalThis.location?.search ?? '', file: unknown = wallJson): WallConfig {
  const issues: string[] = []
  const source = (typeof file === 'object' && file !== null ? file : {}) as Record<string, unknown>
  const merged: Record<string, unknown> = {}
  for (const key of Object.keys(fileSchema.entries) as FileKey[]) {
    const result = v.safeParse(fileSchema.entries[key], source[key])
    if (result.success) {
      merged[key] = result.output
    }
    else {
      issues.push(`wall.json ${key}: ${result.issues[0]?.message ?? 'invalid'}`)
      merged[key] = fileDefault(key)
    }
  }
  const checked = merged as FileConfig
  const config: WallConfig = {
    dataSource: feedList(checked.dataSource),
    staleAfterMs: checked.staleAfterMs,
    heartbeatTimeoutMs: checked.heartbeatTimeoutMs,
    reconnect: { ...checked.reconnect },
    locale: checked.defaultLocale,
    localeOverride: false,
    profile: null,
    issues,
  }

  const params = new URLSearchParams(search)
  const feed = params.get('feed')
  if (feed !== null) {
    const urls = feed.split(',').map(url => url.trim()).filter(url => url !== '')
    if (urls.length > 0 && urls.length <= MAX_FEED_URLS && urls.every(url => v.safeParse(feedUrl, url).success))
      config.dataSource = { ...config.dataSource, url: urls[0]!, urls }
    else
      issues.push(`?feed=${feed.slice(0, 80)}: not a ws://, wss:// or /path URL, or up to ${MAX_FEED_URLS} of them separated by commas`)
  }
  const lang = params.get('lang')
  if (lang !== null) {
    const locale = normalizeLocale(lang)
    if (locale) {
      config.locale = locale
      config.localeOverride = true
    }
    else
      issues.push(`?lang=${lang.slice(0, 20)}: expected one of ${WALL_LOCALES.join(', ')}`)
  }
  const profile = params.get('profile')
  if (profile !== null) {
    if (PROFILE_IDS.includes(profile))
      config.profile = profile
    else
      issues.push(`?profile=${profile.slice(0, 40)}: unknown profile`)
  }
  return config
}

let loaded: WallConfig | undefined

/** The page's configuration, read once: the URL does not change the wall's settings while it runs. */
export function wallConfig(): WallConfig {
  if (!loaded) {
    loaded = loadWallConfig()
    loaded.dataSource.viewToken = takeViewToken(typeof window === 'undefined' ? undefined : window)
  }
  return loaded
}
