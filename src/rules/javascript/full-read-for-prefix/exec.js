// Every fix variant of full-read-for-prefix, run before and after fixing on the harness's edge inputs
// (n = 0, 1, 2, 5, 1000, 50000: prefixes cut inside multi-byte characters and surrogate pairs, and longer than
// small files).
'use strict';
const fs = require('node:fs');
const { readFile } = require('node:fs/promises');

const PREFIXES = ['', 'f', 'fi', 'first\r\n', '\ufeffbom', 'hé', '😀'];

function case_starts_with_literal(path) {
  return [fs.readFileSync(path, 'utf8').startsWith('first'), fs.readFileSync(path, 'utf8').startsWith('\ufeffbom')];
}

function case_starts_with_multibyte(path) {
  return fs.readFileSync(path, 'utf8').startsWith('héllo w');
}

function case_starts_with_variable(path, n) {
  const prefix = PREFIXES[n % PREFIXES.length];
  return fs.readFileSync(path, 'utf8').startsWith(prefix);
}

function case_starts_with_buffer_text(path) {
  return fs.readFileSync(path).toString('utf8').startsWith('0 é');
}

function case_text_slice(path, n) {
  return fs.readFileSync(path, 'utf8').slice(0, n);
}

function case_text_slice_negative(path, n) {
  const count = -n;
  return fs.readFileSync(path, 'utf8').slice(0, count);
}

function case_substring_through_const(path, n) {
  const text = fs.readFileSync(path, 'utf8');
  return text.substring(0, n);
}

function case_substr(path, n) {
  return fs.readFileSync(path, { encoding: 'utf8' }).substr(0, n + 1);
}

function case_bytes_subarray(path, n) {
  return fs.readFileSync(path).subarray(0, n);
}

function case_bytes_slice(path, n) {
  const data = fs.readFileSync(path);
  return data.slice(0, n / 2);
}

function case_first_line_index(path) {
  return fs.readFileSync(path, 'utf8').split('\n')[0];
}

function case_first_line_pattern_shift(path) {
  return fs.readFileSync(path, 'utf8').split(/\r?\n/).shift();
}

function case_first_line_at(path) {
  const lines = fs.readFileSync(path, 'utf8').split(/\r\n|\r|\n/);
  return lines.at(0);
}

function case_head_slice(path, n) {
  return fs.readFileSync(path, 'utf8').split('\n').slice(0, n);
}

function case_head_split_limit(path) {
  return fs.readFileSync(path, 'utf8').split('\r\n', 2);
}

function case_head_destructure(path) {
  const [first, , third] = fs.readFileSync(path, 'utf8').split('\n');
  return [first, third];
}

async function case_async_starts_with(path) {
  return (await readFile(path, 'utf8')).startsWith('first\nsecond');
}

async function case_async_slice_through_const(path, n) {
  const text = await fs.promises.readFile(path, 'utf8');
  return text.slice(0, n);
}

async function case_async_bytes(path, n) {
  return (await readFile(path)).subarray(0, n);
}

async function case_async_first_line(path) {
  return (await readFile(path, 'utf8')).split('\n')[0];
}

async function case_async_head(path, n) {
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/);
  return lines.slice(0, n);
}

// Unsafe: the log line would now print before the file is opened.
function case_unsafe_statement_between(path) {
  const text = fs.readFileSync(path, 'utf8');
  console.log('checking');
  return text.startsWith('#!');
}

module.exports = {
  case_starts_with_literal,
  case_starts_with_multibyte,
  case_starts_with_variable,
  case_starts_with_buffer_text,
  case_text_slice,
  case_text_slice_negative,
  case_substring_through_const,
  case_substr,
  case_bytes_subarray,
  case_bytes_slice,
  case_first_line_index,
  case_first_line_pattern_shift,
  case_first_line_at,
  case_head_slice,
  case_head_split_limit,
  case_head_destructure,
  case_async_starts_with,
  case_async_slice_through_const,
  case_async_bytes,
  case_async_first_line,
  case_async_head,
  case_unsafe_statement_between,
};
