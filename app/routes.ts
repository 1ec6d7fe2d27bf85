import { flatRoutes } from '@remix-run/fs-routes'
import type { RouteConfig } from '@remix-run/route-config'

// Helpers may sit beside routes: *.server.*, *.test.* and __* files are not routes.
export default flatRoutes({
  ignoredRouteFiles: ['**/*.server.*', '**/*.test.*', '**/__*'],
}) satisfies RouteConfig
