// Arrays: the accumulator copied on every step.
const ids = users.reduce((acc, u) => [...acc, u.id], []);

const unique = words.reduce((acc, w) => {
  if (acc.includes(w)) return acc;
  return [...acc, w];
}, []);

const evens = numbers.reduce((acc, n) => (n % 2 === 0 ? [...acc, n] : acc), []);

const reversed = items.reduceRight((acc, item) => [...acc, item], []);

// Unsafe: the initial value is shared with the caller, who would see it grow.
const merged = extra.reduce((acc, x) => [...acc, x], base);

// Unsafe: every old copy is kept in `history`.
const steps = moves.reduce((acc, m) => {
  history.push(acc);
  return [...acc, m];
}, []);

// Unsafe: push(...items) passes each item as an argument, and throws past about 100k of them.
const all = groups.reduce((acc, g) => [...acc, ...g.members], []);

// No fix: the new element goes first.
const stack = items.reduce((acc, item) => [item, ...acc], []);

// Objects.
const byIndex = rows.reduce((acc, row, i) => ({ ...acc, [i]: row }), {});
const byLabel = rows.reduce((acc, row) => ({ ...acc, [`row:${row.id}`]: row }), {});

// Unsafe: a key from the data could be "__proto__", which an assignment treats as the prototype.
const byName = users.reduce((acc, u) => ({ ...acc, [u.name]: u }), {});

// Unsafe: Object.assign sets what a spread defines (an own "__proto__" key from JSON differs).
const flat = configs.reduce((acc, c) => ({ ...acc, ...c }), {});

const counted = tags.reduce((acc, t, i) => Object.assign({}, acc, { [`tag${i}`]: t }), {});
const assigned = configs.reduce((acc, c) => Object.assign({}, acc, c), {});

// Loops: always unsafe, `out` may share its array with other code.
let out = [];
for (const x of xs) {
  out = [...out, x * 2];
}

let seen = {};
keys.forEach((k) => {
  seen = { ...seen, [k]: true };
});

let queue = [];
while (pending()) queue = [...queue, next()];
