// whole-file-read: none of these is a whole read processed line by line.
const fs = require('fs');
const readline = require('readline');

// Used whole.
const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
const template = fs.readFileSync('page.html', 'utf8').replace('{{title}}', 'Home');

// The text is also used elsewhere.
function both(file) {
  const text = fs.readFileSync(file, 'utf8');
  for (const line of text.split('\n')) console.log(line);
  return text.length;
}

// The lines are kept, not only iterated.
function keep(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (const line of lines) console.log(line);
  return lines;
}

// Not a line separator.
const fields = fs.readFileSync('row.csv', 'utf8').split(',').map((s) => s.trim());

// A user function called readFileSync, and `fs` shadowed locally.
function readFileSync() {
  return 'a\nb';
}
for (const line of readFileSync().split('\n')) console.log(line);
function shadowed(fs, file) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) console.log(line);
}

// Streams.
async function streamed(file) {
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) console.log(line);
}

module.exports = { config, template, both, keep, fields, shadowed, streamed };
