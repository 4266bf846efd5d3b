interface User {
  id: string;
  age: number;
}
declare const users: User[];

// Typed initial values: still fresh literals, so the fixes stay safe.
const ids = users.reduce((acc, u) => [...acc, u.id], [] as string[]);
const ages = users.reduce<Record<number, number>>((acc, u, i) => ({ ...acc, [i]: u.age }), {});

// Unsafe in TypeScript: `acc[i] = ...` does not compile on an accumulator typed `{}`.
const untyped = users.reduce((acc, u, i) => ({ ...acc, [i]: u.age }), {});

// TypeScript wrappers around the copy are kept.
const names = users.reduce((acc, u) => [...acc, u.id] as string[], [] as string[]);
