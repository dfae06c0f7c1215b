import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM, CHROMIUM_ARGS } from './test/chromium';

/** Vitest browser mode in Debian's Chromium (never a downloaded browser). */
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  test: {
    // The JSON report feeds test/summary.mjs, which prints the plain closing line CI reads.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/edgeseg/test-results.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'test/unit/**/*.test.ts'],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          browser: chromium(),
        },
      },
      {
        // The React binding's tests again, against React 18 (test/react18/, an npm workspace).
        resolve: {
          alias: {
            react: fileURLToPath(new URL('./test/react18/node_modules/react', import.meta.url)),
            'react-dom': fileURLToPath(new URL('./test/react18/node_modules/react-dom', import.meta.url)),
          },
        },
        test: {
          name: 'browser-react18',
          provide: { react: '18.3.1' },
          include: ['test/browser/react.test.ts'],
          browser: chromium(),
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
