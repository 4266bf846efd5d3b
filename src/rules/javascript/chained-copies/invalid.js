// Chains: each step copies the array for the next one.
const names = users.filter((u) => u.active).map((u) => u.name);

const headings = text.split('\n').filter((line) => line.startsWith('#')).map((line) => line.slice(1).trim());

function nonBlank(text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

const labels = rows.map((r) => r.label).filter(Boolean).map((label) => label.toUpperCase());

const total = text.split('\n').map((line) => line.length).reduce((sum, n) => sum + n, 0);

const bytes = files.map((f) => f.size).reduce((sum, size) => sum + size, 0);

// No fix: a callback uses the index (renumbered after a filter), or a thisArg.
const odd = rows.filter((r) => r.ok).map((r, i) => i % 2 === 1);
const scaled = rows.filter((r) => r.ok).map(function (r) { return r.size * this.factor; }, config);

// .filter(p)[0]
const title = text.split('\n').filter((line) => line.startsWith('# '))[0];
const admin = users.filter((u) => u.role === 'admin')[0];
const firstBig = sizes.filter((s) => s > 1024).at(0);

// .filter(p).length
if (text.split('\n').filter((line) => line.includes('TODO')).length > 0) report();
const noErrors = results.filter((r) => r.error).length === 0;
const todoCount = text.split('\n').filter((line) => line.includes('TODO')).length;
const validCount = inputs.filter(isValid).length;
const pending = Object.entries(jobs).filter(([, job]) => !job.done).length;

// Array.from(x).map(f), [...x].map(f)
const widths = Array.from(new Set(words)).map((w) => w.length);
const points = [...String(text)].map((ch) => ch.codePointAt(0));
const doubled = [...values].map((v) => v * 2);
const cells = Array.from(nodeList).map((node) => node.textContent);

// Optional chaining: reported, not rewritten.
const maybe = response?.items.filter((i) => i.ok).map((i) => i.id);
