// full-read-for-prefix: none of these reads a whole file only to look at its start.
const fs = require('fs');

// The text is used after the check.
function load(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.startsWith('#!')) return text;
  return text.slice(text.indexOf('\n') + 1);
}

// Not a prefix: from an offset, or counted from the end.
const middle = (file) => fs.readFileSync(file, 'utf8').slice(10, 20);
const fromEnd = (file) => fs.readFileSync(file, 'utf8').split('\n')[3];

// Whole uses.
const data = JSON.parse(fs.readFileSync('data.json', 'utf8'));

// Reads only the start already.
function head(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4);
    fs.readSync(fd, buf, 0, 4, 0);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

// `fs` shadowed.
const fake = (fs, file) => fs.readFileSync(file, 'utf8').startsWith('x');

module.exports = { load, middle, fromEnd, data, head, fake };
