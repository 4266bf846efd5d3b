// Hostile inputs for the linear-time checks (test/adversarial.test.ts, bench/adversarial.ts): deep nesting,
// thousands of repeated constructs, very long lines. Each case makes a source of about the size asked for.
import type { LanguageId } from '../../src/core/rule';

export interface AdversarialCase {
  name: string;
  language: LanguageId;
  /** A source of about `size` characters (never much less). */
  make(size: number): string;
}

/** `open` nested `depth` times around `core`, closed by `close`: depth chosen to fill `size`. */
function nested(head: string, open: string, core: string, close: string, tail: string): (size: number) => string {
  return (size) => {
    const depth = Math.max(1, Math.round((size - head.length - core.length - tail.length) / (open.length + close.length)));
    return head + open.repeat(depth) + core + close.repeat(depth) + tail;
  };
}

/**
 * `open` nested `depth` times around `core`, the whole repeated to fill `size`: for typescript-estree, whose
 * recursive parser gives up (a syntax error: nothing to check) a few hundred levels down.
 */
function nests(depth: number, head: string, open: string, core: string, close: string, tail: string): (size: number) => string {
  const one = head + open.repeat(depth) + core + close.repeat(depth) + tail;
  return (size) => one.repeat(Math.max(1, Math.round(size / one.length)));
}

/** `unit(i)` for i = 0, 1, ... until `size` characters, between `head` and `tail`. */
function repeated(head: string, unit: (i: number) => string, tail = ''): (size: number) => string {
  return (size) => {
    const parts = [head];
    let length = head.length + tail.length;
    for (let i = 0; length < size; i++) {
      const u = unit(i);
      parts.push(u);
      length += u.length;
    }
    parts.push(tail);
    return parts.join('');
  };
}

/** `line(depth)` for depth 0, 1, ... (each line indented `depth` spaces) until `size` characters, then `tail(depth)`. */
function indented(line: (depth: number) => string, tail: (depth: number) => string): (size: number) => string {
  return (size) => {
    const parts: string[] = [];
    let length = 0;
    let depth = 0;
    for (; length < size; depth++) {
      const l = ' '.repeat(depth) + line(depth);
      parts.push(l);
      length += l.length;
    }
    parts.push(tail(depth));
    return parts.join('');
  };
}

/** A line of `size` characters: `head` then `fill` repeated. */
function longLine(head: string, fill: string, tail = '\n'): (size: number) => string {
  return (size) => head + fill.repeat(Math.max(1, Math.ceil((size - head.length - tail.length) / fill.length))) + tail;
}

const py = (name: string, make: (size: number) => string): AdversarialCase => ({ name, language: 'python', make });
const js = (name: string, make: (size: number) => string): AdversarialCase => ({ name, language: 'javascript', make });
const ts = (name: string, make: (size: number) => string): AdversarialCase => ({ name, language: 'typescript', make });

export const PYTHON_CASES: readonly AdversarialCase[] = [
  py('nested calls', nested('x = ', 'f(', 'y', ')', '\n')),
  py('nested lists', nested('x = ', '[', '1', ']', '\n')),
  py('nested parentheses', nested('x = ', '(', '1', ')', '\n')),
  py('nested sum([...])', nested('x = ', 'sum([', '1', '])', '\n')),
  py('nested sum(list comprehensions)', nested('x = ', 'sum([y for y in ', 'ys', '])', '\n')),
  py('nested sorted(list(...))', nested('x = ', 'sorted(list(', 'ys', '))', '\n')),
  py('nested reads', nested('with open(p) as f:\n    x = ', 'g(f.read(), ', '1', ')', '\n')),
  py(
    'nested functions',
    indented(
      (d) => `def f${d}(xs):\n${' '.repeat(d + 1)}data = [x for x in xs]\n${' '.repeat(d + 1)}s = sorted(data)\n${' '.repeat(d + 1)}out = []\n${' '.repeat(d + 1)}for x in xs: out.append(x)\n${' '.repeat(d + 1)}t = open(p).read().splitlines()[-3:]\n`,
      (d) => `${' '.repeat(d)}return out\n`,
    ),
  ),
  py('nested classes', indented((d) => `class C${d}:\n${' '.repeat(d + 1)}x = open(p).read()[:10]\n`, (d) => `${' '.repeat(d)}pass\n`)),
  py('nested with open', indented((d) => `with open(p${d}) as f:\n${' '.repeat(d + 1)}lines = f.readlines()\n`, (d) => `${' '.repeat(d)}pass\n`)),
  py('thousands of f.read() in one list', repeated('with open(p) as f:\n    x = [', () => 'f.read(), ', ']\n')),
  py('thousands of reads through one name', repeated('with open(p) as f:\n', (i) => `    text = f.read()\n    if "x${i}" in text: pass\n`)),
  py('thousands of split("\\n") tails', repeated('with open(p) as f:\n', () => `    last = f.read().split("\\n")[-5:]\n`)),
  py('thousands of with open blocks', repeated('', (i) => `with open(p${i}) as f:\n    lines = f.readlines()\nfor line in lines:\n    print(line)\n`)),
  py('thousands of appends', repeated('def f(xs):\n    out = []\n    for x in xs:\n', () => '        out.append(x)\n', '    return out\n\nfor y in f(z):\n    pass\n')),
  py('thousands of list accumulations', repeated('', (i) => `def f${i}(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    return out\nfor y in f${i}(z): pass\n`)),
  py('thousands of chained copies', repeated('def g(xs):\n', (i) => `    d${i} = [x for x in xs]\n    s${i} = sorted(d${i})\n`)),
  py('a line of 100k #', longLine('', '#')),
  py('a 100k-character string', longLine('x = "', 'a', '"\n')),
  py('a string of # memlint: ignore', longLine('x = "', '# memlint: ignore[', '"\n')),
  py('a long comment of memlint words', longLine('x = 1  # ', 'memlint: ignore memlint: ignore[x] ')),
  py('a comment of # memlint: ignore[', longLine('x = open(p).read()  ', '# memlint: ignore[a ')),
  py('thousands of suppression comments', repeated('', (i) => `x${i} = open(p).read()  # memlint: ignore[whole-file-read]\n`)),
];

export const JS_CASES: readonly AdversarialCase[] = [
  js('nested calls', nests(300, 'x = ', 'f(', 'y', ')', ';\n')),
  js('nested arrays', nests(400, 'x = ', '[', '1', ']', ';\n')),
  js('nested parentheses', nests(400, 'x = ', '(', '1', ')', ';\n')),
  js('nested arrow functions', nests(300, 'f = ', '(x) => ', 'x', '', ';\n')),
  js('nested arrow callbacks', nests(300, 'r = ', 'xs.map((x) => ', 'x', ')', ';\n')),
  js('nested filter().map() callbacks', nests(200, 'r = ', 'xs.filter((x) => x).map((x) => ', 'x', ')', ';\n')),
  js('nested ternaries', nests(400, 'x = ', 'c ? 1 : ', '0', '', ';\n')),
  js('nested functions', nests(180, '', 'function f() { let out = []; for (const x of xs) out = [...out, x]; ', 'g();', ' }', '\n')),
  js('nested classes', nests(100, '', 'class A { m() { return ', '1', ' } }', '\n')),
  js('nested blocks', nests(150, '', '{ let out = []; for (const x of xs) { out = [...out, x]; ', '', '} }', '\n')),
  js('nested reduce spreads', nests(150, 'r = ', 'xs.reduce((acc, x) => [...acc, ', 'x', '], [])', ';\n')),
  js('thousands of readFileSync in one array', repeated("const fs = require('fs');\nconst all = [", () => "fs.readFileSync(p, 'utf8').split('\\n')[0], ", '];\n')),
  js('thousands of split("\\n")', repeated("const fs = require('fs');\n", (i) => `const t${i} = fs.readFileSync(p, 'utf8');\nfor (const l of t${i}.split('\\n')) f(l);\n`)),
  js('thousands of async reads', repeated("const fsp = require('fs/promises');\nasync function g() {\n", (i) => `  const h${i} = (await fsp.readFile(p, 'utf8')).split('\\n').slice(-5);\n`, '}\n')),
  js('thousands of reduce spreads', repeated('', (i) => `const r${i} = xs.reduce((acc, x) => [...acc, x], []);\n`)),
  js('thousands of filter().map() chains', repeated('', (i) => `const r${i} = xs.filter((x) => x > ${i}).map((x) => x * 2);\n`)),
  js('thousands of spreads in one loop', repeated('let out = [];\nfor (const x of xs) {\n', () => '  out = [...out, x];\n', '}\n')),
  js('thousands of pushes in one reduce', repeated('const r = xs.reduce((acc, x) => {\n', () => '  acc.push(x);\n', '  return [...acc, x];\n}, []);\n')),
  js('thousands of methods passing their spreads on through this', repeated('class A {\n', (i) => `  m${i}(xs) { let out = []; for (const x of xs) out = [...out, x]; return this.m${i + 1}(out); }\n`, '}\nnew A().m0(process.argv);\n')),
  js('thousands of instances calling one method', repeated('class A { q(xs) { let o = []; for (const x of xs) o = [...o, x]; return o; } }\n', (i) => `const a${i} = new A();\na${i}.q([${i}]);\n`)),
  js('thousands of instances in one function', repeated('class A { q(xs) { let o = []; for (const x of xs) o = [...o, x]; return o; } }\nfunction f() {\n', (i) => `  const a${i} = new A();\n  a${i}.q([${i}]);\n`, '}\n')),
  js('a 100k-character string', longLine('const s = "', 'a', '";\n')),
  js('a 100k-character template literal', longLine('const s = `', 'a', '`;\n')),
  js('a long comment of memlint words', longLine('x = 1; // ', 'memlint-disable-next-line -- memlint-disable-line ')),
  js('a block comment of memlint words', longLine('/* ', 'memlint-disable-next-line a, ', ' */\n')),
  js('a line of // memlint-disable-next-line', longLine('', '// memlint-disable-next-line ')),
  js('thousands of disable comments', repeated('', (i) => `// memlint-disable-next-line whole-file-read\nconst t${i} = require('fs').readFileSync(p, 'utf8').split('\\n').pop();\n`)),
  ts('TypeScript: thousands of typed reduce spreads', repeated('', (i) => `const r${i} = xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.k]: ${i} }), {});\n`)),
];

export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [...PYTHON_CASES, ...JS_CASES];
