import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { precompress } from './scripts/precompress.ts'

const feedTarget = `http://127.0.0.1:${process.env.FEED_PORT ?? '8080'}`

export default defineConfig({
  plugins: [vue(), precompress()],
  resolve: {
    alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    // The 3D page pulls echarts-gl in its own chunk; the warning limit is for the initial chunk.
    chunkSizeWarningLimit: 1200,
    // Font subsets stay files: inlined into the CSS, every small one would be fetched with it,
    // where as files the browser fetches only the subsets whose characters the wall shows.
    assetsInlineLimit: filePath => /\.(?:woff2?|ttf|otf)$/.test(filePath) ? false : undefined,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/feed': { target: feedTarget, ws: true },
      '/control-feed': { target: feedTarget, ws: true },
      '/api': { target: feedTarget },
    },
  },
})
