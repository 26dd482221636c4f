import { app } from 'electron';
import path from 'node:path';
import { DEEP_LINK_SCHEME, deepLinkPath } from '@shared/domain/deep-link';

/** Registers the app as the handler of anchorstudio:// links and reports every link that arrives. */
export function registerDeepLinks(onLink: (path: string) => void): void {
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  const fromArgv = (argv: readonly string[]): void => {
    for (const arg of argv) {
      const route = deepLinkPath(arg);
      if (route) onLink(route);
    }
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const route = deepLinkPath(url);
    if (route) onLink(route);
  });
  app.on('second-instance', (_event, argv) => fromArgv(argv));
  fromArgv(process.argv);
}
