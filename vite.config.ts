import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  // TANDEM_BUILD_DIR lets tests and parallel checks build side by side without clobbering build/.
  plugins: [
    tailwindcss(),
    remix({ ...remixConfig, buildDirectory: process.env.TANDEM_BUILD_DIR ?? 'build' }),
  ],
  server: { port: 3000 },
  build: { target: 'es2022' },
  ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2'] },
})
