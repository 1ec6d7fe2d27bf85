/**
 * Remix options, passed to the Vite plugin by vite.config.ts. Every v3 future flag is on.
 * @type {import('@remix-run/dev').VitePluginConfig}
 */
export default {
  serverModuleFormat: 'esm',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: true,
  },
}
