// Run before and after fixing, on edge inputs: the arrays come from the input file (its lines,
// their lengths, n), so an empty file, CRLF, unicode and a 12,000-line file all pass through.
const fs = require('node:fs');

const read = (path) => fs.readFileSync(path, 'utf8');

exports.case_loop = (path, n) => {
  const long = read(path).split('\n').filter((line) => line.length > n % 7).map((line) => line.toUpperCase());
  return [long.length, long.slice(0, 3)];
};

exports.case_one_pass = (path, n) => read(path).split('\n').map((line) => line.trim()).filter((line) => line !== '').slice(n % 3, 4);

exports.case_map_filter_map = (path, n) => {
  const tagged = read(path).split('\r\n').map((line) => line.length).filter((len) => len >= n % 5).map((len) => len * 2);
  return tagged.slice(-3);
};

exports.case_fold = (path, n) => read(path).split('\n').map((line) => line.length).reduce((sum, len) => sum + len * n, 0);

exports.case_fold_filtered = (path) => read(path).split('\n').filter((line) => line.includes('é')).reduce((count, line) => count + line.length, 0);

exports.case_find = (path, n) => read(path).split('\n').filter((line) => line.length >= n)[0];

exports.case_at = (path) => read(path).split('\n').filter((line) => line.endsWith('x')).at(0);

exports.case_some = (path, n) => (read(path).split('\n').filter((line) => line.includes('😀')).length > 0 ? `yes ${n}` : 'no');

exports.case_none = (path, n) => read(path).split('\n').filter((line) => line.length > n).length === 0;

exports.case_count = (path, n) => read(path).split('\n').filter((line) => line.length > n).length;

exports.case_count_entries = (path, n) => Object.entries(read(path).split('\n')).filter(([i, line]) => line.length > n + (Number(i) % 3)).length;

exports.case_count_holes = (path, n) => {
  // A sparse array (holding the file's lines, so that it grows with the input): filter and reduce both skip the holes.
  return [n, , ...read(path).split('\n'), , undefined, 'x'].filter((v) => v !== undefined).length;
};

exports.case_from_set = (path) => Array.from(new Set(read(path).split('\n'))).map((line) => line.length);

exports.case_spread_string = (path) => {
  // Surrogate pairs (😀) are one element in both a spread and Array.from.
  const points = [...String(read(path).slice(0, 200))].map((ch) => ch.codePointAt(0));
  return [points.length, points.slice(0, 12)];
};

exports.case_spread_map = (path) => [...new Map(read(path).split('\n').map((line, i) => [line, i]))].map(([line, i]) => `${i}:${line.length}`).slice(0, 6);

// Unsafe fixes, compared on ordinary input only.

exports.case_unknown_receiver = (path) => {
  const lines = read(path).split('\n');
  return lines.filter((line) => line.length > 3).map((line) => line.length);
};

exports.case_unknown_find = (path) => {
  const lines = read(path).split('\n');
  return [lines.filter((line) => line.endsWith('x'))[0], lines.filter((line) => line.includes('1')).length > 0];
};

exports.case_unknown_count = (path) => {
  const lines = read(path).split('\n');
  const isLong = (line) => line.length > 10;
  return lines.filter(isLong).length;
};

exports.case_unknown_fold = (path) => {
  const rows = read(path).split('\n').map((line) => ({ line }));
  return rows.map((r) => r.line.length).reduce((a, b) => a + b, 0);
};

exports.case_unknown_spread = (path) => {
  const lines = read(path).split('\n');
  return [...lines].map((line) => line.length).slice(0, 5);
};
