// Every fix variant of readlines-for-tail, run before and after fixing on the harness's edge inputs.
'use strict';
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');

function case_slice_lf(path, n) {
  return fs.readFileSync(path, 'utf8').split('\n').slice(-n);
}

function case_slice_regex_through_consts(path, n) {
  const text = fs.readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/);
  return lines.slice(-n);
}

function case_slice_crlf_joined(path, n) {
  return fs.readFileSync(path, { encoding: 'utf-8' }).split('\r\n').slice(-n).join('|');
}

function case_slice_any_break(path, n) {
  return fs.readFileSync(path, 'utf8').split(/\r\n|\r|\n/).slice(-n);
}

function case_slice_eol(path, n) {
  return fs.readFileSync(path, 'utf8').split(os.EOL).slice(-n);
}

function case_slice_fraction(path, n) {
  return fs.readFileSync(path, 'utf8').split('\n').slice(-(n / 2));
}

function case_buffer_to_string(path, n) {
  return fs.readFileSync(path).toString().split('\n').slice(-n - 1);
}

function case_at_last(path) {
  return fs.readFileSync(path, 'utf8').split('\n').at(-1);
}

function case_at_third_last(path) {
  return fs.readFileSync(path, 'utf8').split(/\r?\n/).at(-3);
}

function case_pop(path) {
  return fs.readFileSync(path, 'utf8').split('\n').pop();
}

function case_last_index(path) {
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  return lines[lines.length - 1];
}

function case_second_last_index(path) {
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  return lines[lines.length - 2];
}

async function case_async_slice(path, n) {
  return (await fs.promises.readFile(path, 'utf8')).split('\n').slice(-n);
}

async function case_async_pop_through_const(path) {
  const text = await fsp.readFile(path, 'utf8');
  return text.split(/\r?\n/).pop();
}

async function case_async_second_last(path) {
  const lines = (await fsp.readFile(path, 'utf8')).split('\n');
  return lines[lines.length - 2];
}

// Unsafe: the log line would now print before the file is opened (a missing file would fail later).
function case_unsafe_statement_between(path, n) {
  const text = fs.readFileSync(path, 'utf8');
  console.log('read');
  return text.split('\n').slice(-n);
}

module.exports = {
  case_slice_lf,
  case_slice_regex_through_consts,
  case_slice_crlf_joined,
  case_slice_any_break,
  case_slice_eol,
  case_slice_fraction,
  case_buffer_to_string,
  case_at_last,
  case_at_third_last,
  case_pop,
  case_last_index,
  case_second_last_index,
  case_async_slice,
  case_async_pop_through_const,
  case_async_second_last,
  case_unsafe_statement_between,
};
