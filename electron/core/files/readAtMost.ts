import fs from 'node:fs';

/**
 * A file's bytes, or null when it holds more than `limit`. The read is bounded by itself, not by the size
 * the file reports: a file that grows meanwhile, or reports no size (/proc), still stops at the limit.
 */
export function readAtMost(file: string, limit: number): Buffer | null {
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(8 * 1024 * 1024, limit + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) return null;
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
