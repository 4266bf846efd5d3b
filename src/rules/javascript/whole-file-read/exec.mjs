// Every fix variant of whole-file-read, run before and after fixing on the harness's edge inputs. An ES module
// importing only named functions, so the fixes also add the `fs` namespace imports their helpers need.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { EOL } from 'node:os';

export function case_for_of_lf(path) {
  const seen = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) seen.push(line);
  return seen;
}

export function case_for_of_crlf_pattern_with_break(path, n) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/);
  const seen = [];
  for (const line of lines) {
    if (seen.length >= n) break;
    seen.push(line.length);
  }
  return seen;
}

export function case_for_of_any_break(path) {
  let count = 0;
  for (const line of readFileSync(path, { encoding: 'utf8' }).split(/\r\n|\r|\n/)) if (line.includes('e')) count++;
  return count;
}

export function case_for_of_crlf_string(path) {
  const out = [];
  for (const line of readFileSync(path).toString().split('\r\n')) out.push(JSON.stringify(line));
  return out.join(',');
}

export function case_for_of_paragraphs(path) {
  const out = [];
  for (const paragraph of readFileSync(path, 'utf8').split('\n\n')) out.push(paragraph.length);
  return out;
}

export function case_for_of_eol(path) {
  const out = [];
  for (const line of readFileSync(path, 'utf8').split(EOL)) out.push(line.at(-1));
  return out;
}

export function case_for_each_block_with_return(path, n) {
  const kept = [];
  readFileSync(path, 'utf-8').split('\n').forEach((line) => {
    if (line.length < n) return;
    kept.push(line);
  });
  return kept;
}

export function case_for_each_expression(path) {
  readFileSync(path, 'utf8').split('\n').forEach((line) => console.log(line));
}

export function case_for_each_reassigned_param(path) {
  const out = [];
  readFileSync(path, 'utf8').split('\n').forEach(function (line) {
    line = line.toUpperCase();
    out.push(line);
  });
  return out;
}

export function case_map_with_index(path) {
  return readFileSync(path, 'utf8').split('\n').map((line, i) => `${i}:${line}`);
}

export function case_map_global(path) {
  return readFileSync(path, 'utf8').split('\n').map(Number);
}

export async function case_async_for_of(path) {
  const seen = [];
  for (const line of (await readFile(path, 'utf8')).split('\n')) seen.push(line);
  return seen;
}

export async function case_async_for_each_through_const(path, n) {
  const text = await readFile(path, 'utf8');
  const kept = [];
  text.split(/\r?\n/).forEach((line) => {
    if (line.length > n) kept.push(line);
  });
  return kept;
}

// Counting loops over every line: the same lines, in the same order, as a for...of.
export function case_index_loop_named_line(path, n) {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const kept = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > n % 7 || lines[i] === '') kept.push(line);
  }
  return kept;
}

export function case_index_loop_with_break(path, n) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  let chars = 0;
  for (let i = 0; i < lines.length; ++i) {
    if (chars > n) break;
    chars += lines[i].length;
  }
  return chars;
}

export async function case_async_index_loop(path) {
  const lines = (await readFile(path, 'utf8')).split('\r\n');
  const out = [];
  for (let i = 0; i < lines.length; i += 1) out.push(lines[i].at(0));
  return out;
}

// Unsafe: map passes the array as a third argument; a named callback might read it (this one does not).
function describe(line, index) {
  return `${index + 1}: ${line}`;
}
export function case_unsafe_named_callback(path) {
  return readFileSync(path, 'utf8').split('\n').map(describe);
}
