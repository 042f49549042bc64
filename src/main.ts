import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles/base.css'
import './styles/panel.css'
import './layout/stacked.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { wallConfig } from './config'
import { createWallI18n } from './i18n'
import { useRoomLanguage } from './i18n/roomLanguage'
import { createWallRouter } from './router'
import { frameTimer } from './stores/coalesce'
import { diagnosticsWanted, exposeDiagnostics } from './stores/expose'
import { useFeedStore } from './stores/feed'

// Read the settings first: the viewer token leaves the address bar before the router copies it.
wallConfig()
const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(createWallRouter())
const i18n = createWallI18n()
app.use(i18n)
// :lang() styles and the screen reader follow the wall's language
document.documentElement.lang = i18n.global.locale.value

// The control terminal has its own channel; only the wall reads the feed (and reports to the operator as a wall).
if (!window.location.pathname.startsWith('/control')) {
  const feed = useFeedStore(pinia)
  // patches arriving within one frame's time are applied together (stores/coalesce.ts)
  feed.start(undefined, { frames: frameTimer() })
  // The operator sets the room's language; a wall opened with ?lang= keeps its own.
  const config = wallConfig()
  useRoomLanguage({
    locale: i18n.global.locale,
    room: () => feed.latest['wall.state']?.language,
    override: config.localeOverride ? config.locale : null,
    fallback: config.locale,
    onChange: (locale) => {
      document.documentElement.lang = locale
    },
  })
  // Read-only counters for the e2e tests and the bench, only when asked for (see stores/expose.ts).
  if (diagnosticsWanted())
    exposeDiagnostics(feed)
}

app.mount('#app')
