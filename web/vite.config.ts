import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Subresource Integrity on the built page: every script and stylesheet index.html loads from
 * /assets/ carries the SHA-384 of the file the build wrote, so a file changed on the server or
 * on the way is refused by the browser.
 */
function subresourceIntegrity(): Plugin {
  return {
    name: 'xingfu-subresource-integrity',
    apply: 'build',
    enforce: 'post',
    // After the files are written: the entry chunk is still rewritten (its preload list) when
    // index.html is transformed, so only the bytes on disk are the ones a browser gets.
    writeBundle(options) {
      const dir = options.dir ?? path.join(root, 'dist');
      const index = path.join(dir, 'index.html');
      const html = fs.readFileSync(index, 'utf8');
      const signed = html.replace(
        /<(script|link)\b([^>]*?)\s(src|href)="\/(assets\/[^"]+)"([^>]*)>/g,
        (tag, name: string, before: string, attr: string, file: string, after: string) => {
          const target = path.join(dir, file);
          if (!fs.existsSync(target) || /\sintegrity=/.test(tag)) return tag;
          const integrity = `sha384-${createHash('sha384').update(fs.readFileSync(target)).digest('base64')}`;
          return `<${name}${before} ${attr}="/${file}" integrity="${integrity}"${after}>`;
        },
      );
      fs.writeFileSync(index, signed);
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), subresourceIntegrity()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
