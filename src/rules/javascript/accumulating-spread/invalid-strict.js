// settings: {"strict": true}
// Strict mode also notes objects whose keys are fixed: n small copies, linear, as a hint.
const totals = orders.reduce((acc, o) => ({ ...acc, count: acc.count + 1 }), { count: 0 });

let stats = { lines: 0 };
for (const line of lines) stats = { ...stats, lines: stats.lines + 1 };
