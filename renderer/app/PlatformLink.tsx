import type { ReactNode } from 'react';
import { viewerPageUrl } from './platform-page-url';
import { useAccount } from '../publishing/account-store';

/**
 * A link to a page of the viewer web app on the studio's platform, opened outside the studio (a new
 * browser tab; the desktop app hands it to the system browser). Nothing while no platform is set.
 */
export function PlatformLink({ path, className, children }: Readonly<{ path: string; className?: string; children: ReactNode }>) {
  const href = usePlatformPageUrl(path);
  if (!href) return null;
  return (
    <a className={className} href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

export function usePlatformPageUrl(path: string): string | null {
  const platformUrl = useAccount()?.platformUrl ?? null;
  return platformUrl ? viewerPageUrl(platformUrl, path) : null;
}
