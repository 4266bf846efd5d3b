// readlines-for-tail, CommonJS: the usual require forms and every tail expression.
const fs = require('fs');
const { readFileSync: read } = require('node:fs');

function lastLines(file, n) {
  return fs.readFileSync(file, 'utf8').split('\n').slice(-n);
}

function lastLinesThroughConsts(file, n) {
  const text = read(file, { encoding: 'utf8' });
  const lines = text.split(/\r?\n/);
  return lines.slice(-n).join('\n');
}

function lastLine(file) {
  const lines = fs.readFileSync(file).toString().split('\n');
  return lines[lines.length - 1];
}

function lastRealLine(file) {
  const lines = fs.readFileSync(file, 'utf-8').split('\n');
  return lines[lines.length - 2]; // the last one is '' when the file ends with a newline
}

const popped = (file) => fs.readFileSync(file, 'utf8').split('\n').pop();
const third = (file) => fs.readFileSync(file, 'utf8').split('\r\n').at(-3);

async function lastLinesAsync(file, n) {
  const text = await fs.promises.readFile(file, 'utf8');
  return text.split('\n').slice(-n);
}

// Unsafe: `pick()` would now run before the file is read.
function lastPicked(file, pick) {
  return fs.readFileSync(file, 'utf8').split('\n').slice(-pick());
}

// No fix: trim() is not reproduced from the end of the file.
function lastTrimmed(file, n) {
  return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n);
}

// No fix: a callback read.
fs.readFile('app.log', 'utf8', (err, data) => {
  if (err) throw err;
  console.log(data.split('\n').slice(-10));
});

module.exports = { lastLines, lastLinesThroughConsts, lastLine, lastRealLine, popped, third, lastLinesAsync, lastPicked, lastTrimmed };
