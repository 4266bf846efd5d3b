// Run before and after fixing, on edge inputs: the data is the input file's lines.
const fs = require('node:fs');

const lines = (path, cap = 1500) => fs.readFileSync(path, 'utf8').split('\n').slice(0, cap);

exports.case_push = (path, n) => {
  const lengths = lines(path).reduce((acc, line) => [...acc, line.length + n], []);
  return [lengths.length, lengths.slice(0, 5), lengths.slice(-3)];
};

exports.case_push_conditional = (path, n) => {
  const unique = lines(path).reduce((acc, line) => {
    if (acc.includes(line)) return acc;
    return [...acc, line];
  }, []);
  return unique.slice(0, n + 3);
};

exports.case_push_ternary = (path, n) => lines(path).reduce((acc, line, i) => (i % 2 === 0 ? [...acc, `${i}:${line}`] : acc), []).slice(-(n % 7) - 1);

exports.case_index_keys = (path, n) => {
  const byIndex = lines(path, 1000).reduce((acc, line, i) => ({ ...acc, [i]: line }), {});
  return [Object.keys(byIndex).length, byIndex[n], byIndex[0]];
};

exports.case_prefixed_keys = (path) => {
  // Repeated lines hit existing keys: their position must not change.
  const firstSeen = lines(path, 1000).reduce((acc, line, i) => ({ ...acc, [`line:${line.trim()}`]: i }), {});
  return Object.entries(firstSeen).slice(0, 8);
};

exports.case_assign = (path, n) => {
  const sizes = lines(path, 1000).reduce((acc, line, i) => Object.assign({}, acc, { [`n${i % (n + 1)}`]: line.length }), {});
  return Object.entries(sizes).slice(0, 6);
};

// Unsafe fixes, compared on ordinary input only.

exports.case_dynamic_keys = (path) => {
  const byText = lines(path).reduce((acc, line) => ({ ...acc, [line]: line.length }), {});
  return Object.keys(byText).length;
};

exports.case_spread_push = (path) => lines(path).reduce((acc, line) => [...acc, ...line.split(' ')], []).length;

exports.case_object_spread = (path) => lines(path).map((line, i) => ({ [i % 3]: line })).reduce((acc, o) => ({ ...acc, ...o }), {});

exports.case_loop = (path, n) => {
  let out = [];
  for (const line of lines(path)) {
    out = [...out, line.length * n];
  }
  return out.slice(0, 4);
};

exports.case_for_each = (path) => {
  let seen = {};
  lines(path).forEach((line) => {
    seen = { ...seen, [line.slice(0, 6)]: true };
  });
  return Object.keys(seen);
};
