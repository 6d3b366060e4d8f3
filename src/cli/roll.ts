/** Helpers of `xingfu roll …`. */
import fs from 'node:fs';

/**
 * Writes a stream-producing function's output to a file and waits for it to be on disk. The file
 * appears only whole: it is written beside its name and renamed at the end, and nothing is left
 * when the writer refuses (a roll not yet approved, a control total that does not match).
 */
export async function toFile(file: string, write: (out: NodeJS.WritableStream) => Promise<unknown>): Promise<void> {
  const partial = `${file}.part`;
  const out = fs.createWriteStream(partial, { fd: fs.openSync(partial, 'w', 0o600) });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  try {
    await write(out);
    if (!out.writableEnded) out.end();
    await closed;
    fs.renameSync(partial, file);
  } catch (err) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw err;
  }
}
