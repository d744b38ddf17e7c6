// The web app: a single-page app (plain ES modules + Apache ECharts) built into dashboards/dist,
// which the daemon serves at `/`. `npm run` scripts call this through scripts/build-web.js.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/demo': 'http://127.0.0.1:3000' },
  },
});
