/**
 * Lets a child process `require` the project's TypeScript directly (with the decorator metadata
 * Nest needs, which tsx/esbuild cannot emit), so crash tests can run the real worker app as a
 * separate process and kill it: `node -r ./test/support/swc-register.js apps/worker/src/main.ts`.
 */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');

const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  // `@madoguchi/<lib>` is its index, `@madoguchi/<lib>/domain` its domain entry.
  const lib = /^@madoguchi\/([a-z-]+)(\/domain)?$/.exec(request);
  const entry = lib && join(root, 'libs', lib[1], 'src', lib[2] ? 'domain' : '', 'index.ts');
  return resolveFilename.call(this, entry ?? request, ...rest);
};

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  });
  module._compile(code, filename);
};
