import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'scripts/**/*.test.ts'],
          globalSetup: ['scripts/vitest-global-setup.ts'],
          testTimeout: 20_000
        }
      },
      {
        // The real parts (systemd in systemd-nspawn, dockerd): one file at a time, with time for a
        // first run that builds the cached root filesystem and image.
        test: {
          name: 'real',
          environment: 'node',
          include: ['test/real/**/*.test.ts'],
          globalSetup: ['scripts/vitest-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000
        }
      },
      {
        plugins: [react()],
        test: { name: 'renderer', environment: 'jsdom', include: ['renderer/**/*.test.{ts,tsx}'] }
      }
    ]
  }
})
