const fs = require('node:fs');

// Does not parse: memlint stays quiet (the language server shows the syntax error).
function countErrors(path {
  const content = fs.readFileSync(path, 'utf8');
  return content.split('\n').filter((line) => line.includes('ERROR')).length;
}
