/** Whether a link the studio's page opens goes to the system browser: https anywhere, plain http only to this machine (the embedded platform binds there). */
export function opensExternally(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || (protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]'));
  } catch {
    return false;
  }
}
