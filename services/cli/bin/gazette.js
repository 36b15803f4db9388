#!/usr/bin/env node
'use strict';
// Runs the compiled CLI; `npm ci` builds it through the `prepare` script.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('gazette: the project is not built; run `npm run build` first\n');
  process.exit(70);
}
// A reader that stops early (`| head`) closes the pipe: that ends the output, it is no error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
