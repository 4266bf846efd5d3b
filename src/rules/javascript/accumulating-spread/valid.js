// Not findings: one copy, not a copy per step.
const sorted = [...items].sort();
const merged = { ...defaults, ...options };
const copy = Object.assign({}, settings);

// The element is spread, not the accumulator.
const done = todos.map((t) => ({ ...t, done: true }));

// Accumulators updated in place already.
const lengths = words.reduce((acc, w) => {
  acc.push(w.length);
  return acc;
}, []);
const byId = users.reduce((acc, u) => {
  acc[u.id] = u;
  return acc;
}, {});

// Something else is spread.
const withHeader = rows.reduce((acc, row) => [...header, row], []);

// An object whose keys are fixed stays the same size: n small objects, not O(n²) (reported only in strict mode).
const totals = orders.reduce((acc, o) => ({ ...acc, count: acc.count + 1, sum: acc.sum + o.total }), { count: 0, sum: 0 });

// A fresh variable per iteration: nothing accumulates.
for (const group of groups) {
  let names = [];
  names = [...names, group.name];
  console.log(names);
}

// Outside any loop.
let state = { ready: false };
state = { ...state, ready: true };
let list = [];
list = [...list, 1];
