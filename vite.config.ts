/// <reference types="vitest/config" />
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const src = fileURLToPath(new URL('./src', import.meta.url));

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every script, style sheet and page of the
 * build, which the local server sends to browsers that accept them (@fastify/static's
 * preCompressed): compressed once at build time at the highest levels, never per request.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = 'dist';
  return {
    name: 'lightbox-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = [...Object.keys(bundle)].filter((name) => /\.(js|css|html|svg)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const data = await readFile(file);
          if (data.length < 1024) return;
          const [br, gzipped] = await Promise.all([
            brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            gz(data, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
        }),
      );
    },
  };
}

/**
 * src/app/early-start.ts is its own entry with its own script tag, placed before the app's:
 * a script tag written in index.html would be merged into the app's entry by Vite, and the early
 * start only helps if it runs before the app's big bundle has been downloaded and compiled.
 */
function earlyStart(): Plugin {
  const entry = 'src/app/early-start.ts';
  return {
    name: 'lightbox-early-start',
    config: () => ({
      build: { rollupOptions: { input: { index: 'index.html', 'early-start': entry } } },
    }),
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) =>
            output.type === 'chunk' && output.isEntry && output.facadeModuleId?.endsWith(entry),
        );
        // No bundle: the dev server, which serves the source module itself.
        if (!chunk || chunk.type !== 'chunk') {
          return [
            {
              tag: 'script',
              attrs: { type: 'module', src: `/${entry}` },
              injectTo: 'head-prepend',
            },
          ];
        }
        // Its own imports are listed right after it, ahead of the app's bundle: the browser
        // then asks for them first on its few connections.
        const files = [chunk.fileName];
        for (const fileName of files) {
          const output = context.bundle?.[fileName];
          if (output?.type !== 'chunk') continue;
          for (const name of output.imports) if (!files.includes(name)) files.push(name);
        }
        return files.map((fileName, index) => ({
          tag: index === 0 ? 'script' : 'link',
          attrs:
            index === 0
              ? { type: 'module', crossorigin: true, src: `/${fileName}` }
              : { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` },
          injectTo: 'head-prepend' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress(), earlyStart()],
  resolve: { alias: { '@': src } },
  build: { outDir: 'dist', sourcemap: true, manifest: true },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'web',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          globalSetup: ['server/test/web-global-setup.ts'],
          setupFiles: ['src/testing/setup.ts'],
          // Type tests (src/**/*.test-d.ts, e.g. the fetch layer against @immich/sdk) run with `tsc`;
          // only errors in those files count, so others' work in progress does not fail them.
          typecheck: {
            enabled: true,
            include: ['src/**/*.test-d.ts'],
            tsconfig: 'tsconfig.json',
            ignoreSourceErrors: true,
          },
          // Requests go to the local server on another port: let happy-dom fetch across origins.
          environmentOptions: {
            happyDOM: { settings: { fetch: { disableSameOriginPolicy: true } } },
          },
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
