const fs = require('node:fs');

function lastLines(path, n = 1000) {
  return fs.readFileSync(path, 'utf8').split('\n').slice(-n).join('\n');
}

function countErrors(path) {
  const content = fs.readFileSync(path, 'utf8');
  let count = 0;
  for (const line of content.split('\n')) {
    if (line.includes('ERROR')) count++;
  }
  return count;
}

function sizes(items) {
  return items.reduce((acc, item) => [...acc, item.length], []);
}

module.exports = { lastLines, countErrors, sizes };
