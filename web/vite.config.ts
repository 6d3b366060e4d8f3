import { createHash } from 'node:crypto';
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
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (bundle === undefined) return html;
        return html.replace(
          /<(script|link)\b([^>]*?)\s(src|href)="\/(assets\/[^"]+)"([^>]*)>/g,
          (tag, name: string, before: string, attr: string, file: string, after: string) => {
            const out = bundle[file];
            if (out === undefined) return tag;
            const bytes = out.type === 'chunk' ? out.code : out.source;
            const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
            return `<${name}${before} ${attr}="/${file}" integrity="${integrity}"${after}>`;
          },
        );
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), subresourceIntegrity()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
