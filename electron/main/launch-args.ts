/** The desktop app's own options, read from its command line. */
export interface LaunchOptions {
  /** `--platform-url URL` / `--platform-url=URL`: a remote platform instead of the embedded one. */
  readonly platformUrl: string | null;
  /** `--no-platform-seed`: the embedded platform starts empty. */
  readonly seed: boolean;
}

/**
 * Reads options only before the first argument that is not one: a deep link (an OS hands us
 * `anchorstudio://…` as an argument, and a crafted link must not smuggle `--platform-url=` in),
 * or a bare `--` that ends options. Unknown options (Chromium's own switches) are skipped.
 * `args` is the command line without the executable (and without the app path when run as
 * `electron .`).
 */
export function parseLaunchArgs(args: readonly string[]): LaunchOptions {
  let platformUrl: string | null = null;
  let seed = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--' || !arg.startsWith('--')) break;
    if (arg === '--no-platform-seed') seed = false;
    else if (arg.startsWith('--platform-url=')) platformUrl = arg.slice('--platform-url='.length);
    else if (arg === '--platform-url') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error('--platform-url needs a URL');
      platformUrl = value;
      i++;
    }
  }
  if (platformUrl !== null) {
    const url = URL.canParse(platformUrl) ? new URL(platformUrl) : null;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error(`--platform-url must be an http(s) URL, got "${platformUrl.slice(0, 100)}"`);
  }
  return { platformUrl, seed };
}

/** The app's own arguments in `process.argv`: after the executable, and the app path under `electron .`. */
export function ownArgs(argv: readonly string[], defaultApp: boolean): readonly string[] {
  return argv.slice(defaultApp ? 2 : 1);
}
