/** Helpers of `xingfu roll …`. */
import fs from 'node:fs';

/** Writes a stream-producing function's output to a file and waits for it to be on disk. */
export async function toFile(file: string, write: (out: NodeJS.WritableStream) => Promise<unknown>): Promise<void> {
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => { out.on('close', resolve); out.on('error', reject); });
  await write(out);
  if (!out.writableEnded) out.end();
  await closed;
}
