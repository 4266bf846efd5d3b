interface User {
  name: string;
  active: boolean;
}
declare const users: User[];
declare const text: string;

// In TypeScript, `.find()` returns `T | undefined` where `[0]` gave `T`: unsafe.
const first = text.split('\n').filter((line) => line.startsWith('#'))[0];

// The loop needs a typed result variable to be safe: `const r = []` is typed by its pushes.
const typed: string[] = text.split('\n').filter((line) => line !== '').map((line) => line.trim());
const untyped = text.split('\n').filter((line) => line !== '').map((line) => line.trim());

// reduce(..., []) types its accumulator `never[]`: no one-pass fix in expression position.
export function names(): string[] {
  return users.filter((u) => u.active).map((u) => u.name);
}

// A fold keeps the caller's initial value, so it types fine.
const letters = users.map((u) => u.name.length).reduce((sum, n) => sum + n, 0);
