import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf } from '@platform/kernel/http/static-paths';

/**
 * Sends a file with HTTP range support (video seeking needs it). Returns false when the file does
 * not exist, so the caller can fall through to its next route.
 */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Readonly<Record<string, string>> = {}): boolean {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  const common = { ...headers, 'Content-Type': contentTypeOf(file), 'Accept-Ranges': 'bytes' };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : size - 1;
    start = Math.max(0, start);
    end = Math.min(end, size - 1);
    if (start > end || start >= size) {
      res.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` }).end();
      return true;
    }
    res.writeHead(206, { ...common, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) });
    if (req.method === 'HEAD') res.end();
    else
      createReadStream(file, { start, end })
        .on('error', () => res.destroy())
        .pipe(res);
    return true;
  }
  res.writeHead(200, { ...common, 'Content-Length': String(size) });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  return true;
}
