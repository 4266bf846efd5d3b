// full-read-for-prefix, CommonJS: reading a whole file to look at its start.
const fs = require('fs');
const fsp = require('node:fs/promises');

const isScript = (file) => fs.readFileSync(file, 'utf8').startsWith('#!');

function preview(file, n = 200) {
  const text = fs.readFileSync(file, 'utf8');
  return text.slice(0, n);
}

function magic(file) {
  return fs.readFileSync(file).subarray(0, 4).toString('hex');
}

function header(file) {
  return fs.readFileSync(file, 'utf8').split('\n')[0];
}

function firstTwo(file) {
  const [title, subtitle] = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  return { title, subtitle };
}

const head = (file, k) => fs.readFileSync(file, 'utf8').split('\n').slice(0, k);

async function isPdf(file) {
  return (await fsp.readFile(file, 'utf8')).startsWith('%PDF-');
}

async function firstLineAsync(file) {
  const text = await fsp.readFile(file, 'utf8');
  return text.split('\n')[0];
}

// No fix: the prefix is computed by a call, which would run twice.
const startsWithIt = (file) => fs.readFileSync(file, 'utf8').startsWith(prefixOf(file));
function prefixOf(file) {
  return file.endsWith('.sh') ? '#!' : '//';
}

module.exports = { isScript, preview, magic, header, firstTwo, head, isPdf, firstLineAsync, startsWithIt };
