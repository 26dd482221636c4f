export const DEEP_LINK_SCHEME = 'anchorstudio';

/**
 * `anchorstudio://anchor/abc` → `/anchor/abc`, the in-app route it opens; anything that is not a
 * well-formed link of ours → null (links arrive from other programs: treat them as untrusted).
 */
export function deepLinkPath(url: string): string | null {
  const prefix = `${DEEP_LINK_SCHEME}://`;
  if (typeof url !== 'string' || url.length > 500 || !url.toLowerCase().startsWith(prefix)) return null;
  const rest = url.slice(prefix.length).split(/[?#]/)[0]!.replace(/\/+$/, '');
  const route = `/${rest}`;
  return /^\/[a-z]+(\/[A-Za-z0-9_-]{1,80}){0,4}$/.test(route) ? route : null;
}
