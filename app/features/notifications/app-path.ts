/** Only paths inside the app: a stored link never sends anyone to another site. */
export function appPath(link: string) {
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : '/notifications'
}
