// `BINARY serve CONFIG` on a free port of 127.0.0.1 for the Node checks (web_map_check.js,
// tiles_check.js, basemap_check.js): resolves with the child process and the service's base URL
// once it listens. No background by default (--no-basemap): nothing may leave 127.0.0.1.
'use strict';
const { spawn } = require('child_process');

function startServer(binary, config, extraArgs = ['--no-basemap']) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', config, '--port', '0', '--quiet', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = /servi sur (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (m) resolve({ child, base: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${text}`)));
    setTimeout(() => reject(new Error('serve did not start within 120 s')), 120000).unref();
  });
}

module.exports = { startServer };
