// readlines-for-tail: nothing here reads a whole file only to keep its tail.
const fs = require('fs');
const readline = require('readline');

// Parsed whole: not a tail.
const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));

// The lines are used for more than their tail.
function summary(file, n) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  console.log(lines.length);
  return lines.slice(-n);
}

// The text is used twice.
function both(file) {
  const text = fs.readFileSync(file, 'utf8');
  return [text.length, text.split('\n').pop()];
}

// Skips the first lines: that is not a tail.
function rest(file) {
  return fs.readFileSync(file, 'utf8').split('\n').slice(2);
}

// A user function that happens to be called readFileSync.
function readFileSync(name) {
  return `${name}\nline`;
}
const mine = readFileSync('x').split('\n').pop();

// `fs` shadowed by a parameter.
function fake(fs, file) {
  return fs.readFileSync(file, 'utf8').split('\n').slice(-5);
}

// stdin by file descriptor.
const lastInput = fs.readFileSync(0, 'utf8').split('\n').pop();

// Another encoding.
const latin = fs.readFileSync('old.txt', 'latin1').split('\n').slice(-3);

// Streaming already.
async function streamed(file) {
  let last;
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) last = line;
  return last;
}

module.exports = { config, summary, both, rest, mine, fake, lastInput, latin, streamed };
