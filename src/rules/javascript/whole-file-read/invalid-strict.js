// settings: {"strict": true}
// whole-file-read in strict mode: every other unbounded whole-file read is a hint (no fix).
const fs = require('fs');

const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
const template = fs.readFileSync('page.html', 'utf8');

for (const line of fs.readFileSync('app.log', 'utf8').split('\n')) console.log(line);

module.exports = { config, template };
