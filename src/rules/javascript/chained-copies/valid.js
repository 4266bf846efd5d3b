// Not findings.
const numbers = csv.split(',').map(Number); // one step: no intermediate array
const sorted = [...items].sort(); // one defensive copy
const names = users.map((u) => u.name);
const active = users.filter((u) => u.active);

// Already one pass: iterator helpers, lodash and stream chains are lazy.
const firstTen = rows.values().filter((r) => r.ok).map((r) => r.id).take(10).toArray();
const ids = Iterator.from(source).filter(Boolean).map(String).toArray();
const wrapped = _(users).filter('active').map('name').value();
const fromStream = await readable.filter((chunk) => chunk.length > 0).map((chunk) => chunk.toString()).toArray();

// Short constant lists: nothing worth a note (strict mode reports them as hints).
const flags = ['a', 'b', 'c'].filter((f) => enabled[f]).map((f) => `--${f}`);
const parts = 'x,y,z'.split(',').map((s) => s.trim()).filter(Boolean);

// .find, .some and Array.from(x, f) already.
const admin = users.find((u) => u.admin);
const anyAdmin = users.some((u) => u.admin);
const codes = Array.from(text, (c) => c.codePointAt(0));
