/** The viewer app's page at `path` on the platform at `platformUrl` (its origin; any path on it is dropped). */
export function viewerPageUrl(platformUrl: string, path: string): string | null {
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  try {
    const base = new URL(platformUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
    return new URL(path, base.origin).toString();
  } catch {
    return null;
  }
}
