import { open } from 'node:fs/promises';

/**
 * Top-level MP4 box types in file order, reading only the 8–16 byte headers (a take's MP4 is tens
 * of MB; its layout is known from a few reads).
 */
export async function topLevelBoxesOf(file: string, maxBoxes = 64): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { size: length } = await handle.stat();
    const header = Buffer.alloc(16);
    const boxes: string[] = [];
    let offset = 0;
    while (offset + 8 <= length && boxes.length < maxBoxes) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) break;
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (size === 1 && bytesRead >= 16) size = Number(header.readBigUInt64BE(8));
      if (size === 0) size = length - offset;
      if (size < 8) break;
      boxes.push(type);
      offset += size;
    }
    return boxes;
  } finally {
    await handle.close();
  }
}
