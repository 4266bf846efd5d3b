// whole-file-read, CommonJS: lines looped over, filtered, searched.
'use strict';
const fs = require('fs');
const { readFileSync } = require('node:fs');
const fsp = require('fs').promises;

function printAll(file) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    console.log(line);
  }
}

function countErrors(file) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  let errors = 0;
  for (const line of lines) if (line.includes('ERROR')) errors++;
  return errors;
}

function nonEmpty(file) {
  fs.readFileSync(file).toString().split('\n').forEach((line) => {
    if (!line) return;
    console.log(line.trim());
  });
}

const lengths = (file) => fs.readFileSync(file, 'utf8').split('\n').map((line) => line.length);

async function printAllAsync(file) {
  for (const line of (await fsp.readFile(file, 'utf8')).split('\n')) console.log(line);
}

// Unsafe: the file would be opened after `console.log` ran.
function announced(file) {
  const text = fs.readFileSync(file, 'utf8');
  console.log('loaded');
  text.split('\n').forEach((line) => console.log(line));
}

// Unsafe: the loop writes files while the one it reads is still open (it might be the same file).
function copyLines(file, out) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) fs.appendFileSync(out, line + '\n');
}

// A counting loop over every line is a loop over the lines.
function numberedLines(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    console.log(line);
  }
}

// Not an index loop over the lines alone (the index is printed too): no finding.
function withIndex(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) console.log(i, lines[i]);
}

// Reported without a fix: searching and filtering (write the loop), trimmed text, callback reads.
const hasTodo = (file) => fs.readFileSync(file, 'utf8').split('\n').some((line) => line.startsWith('TODO'));
const errorsOnly = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('ERROR'));
const trimmed = (file) => fs.readFileSync(file, 'utf8').trim().split('\n').forEach((line) => console.log(line));
fs.readFile('app.log', 'utf8', (err, data) => {
  if (err) throw err;
  for (const line of data.split('\n')) console.log(line);
});

// Every line leaves an item in `out` (empty lines aside): memory grows with the file whether it is read whole or
// streamed, so the finding is one level lower.
function entries(file) {
  const out = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line) => {
    if (!line) return;
    out.push(JSON.parse(line));
  });
  return out;
}

// Only the lines that match are kept: the rule's level.
function errorLines(file) {
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line.includes('ERROR')) out.push(line);
  return out;
}

module.exports = { printAll, countErrors, nonEmpty, lengths, printAllAsync, announced, copyLines, numberedLines, withIndex, hasTodo, errorsOnly, trimmed, entries, errorLines };
