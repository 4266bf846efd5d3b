// The log service from the OOM story, in Node: each function reads a whole log to use a small part of it.
// With memlint in VS Code every such read is underlined; the lightbulb (Ctrl+.) offers the streaming fix.
// Make a big log to run it on:  python3 generate_log.py   (writes big.log, not committed)
// Then:                         node logs.js big.log
const fs = require('node:fs');

const SECTION = /^#==\[\s*(.+?)\s*\]={5,}#\s*$/;

/** The tail of the log, for the status page. */
function lastLines(path, n = 1000) {
  return fs.readFileSync(path, 'utf8').split('\n').slice(-n).join('\n');
}

/** How many lines one section (e.g. "errors") has. */
function countSection(path, name) {
  const content = fs.readFileSync(path, 'utf8');
  let inside = false;
  let count = 0;
  for (const line of content.split('\n')) {
    const match = SECTION.exec(line);
    if (match) inside = match[1].toLowerCase().includes(name.toLowerCase());
    else if (inside) count++;
  }
  return count;
}

/** Check the header before accepting an upload. */
function isLogFile(path) {
  return fs.readFileSync(path, 'utf8').startsWith('#==[ log');
}

if (require.main === module) {
  const log = process.argv[2] ?? 'big.log';
  console.log('header ok:', isLogFile(log));
  console.log('error lines:', countSection(log, 'errors'));
  process.stdout.write(lastLines(log, 3));
}

module.exports = { lastLines, countSection, isLogFile };
