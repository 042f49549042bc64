import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(viteConfig, defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'mock-server/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Component tests opt into happy-dom with a `// @vitest-environment happy-dom` docblock.
    testTimeout: 15_000,
  },
}))
