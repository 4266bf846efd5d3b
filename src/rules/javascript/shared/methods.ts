// Who calls a class's methods in this file: `this.m(...)` / `this.#m(...)` in the class body, `new C(...).m(...)`,
// and `x.m(...)` where `x` is a local never reassigned after `const x = new C(...)`; a static method as `C.m(...)`
// or `this.m(...)` in static code. One walk of the class body and one look at the class's references, per class.
// Methods reached any other way (an instance handed on, returned or stored; a subclass; `x[key]`; a method taken
// as a value) may have callers this file does not show: the method's callers are then incomplete, as an exported
// function's are (callers.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ModuleFunction } from './callers';
import { exportedName } from './exports';
import { outerParent, type FunctionNode } from './nodes';
import { references, resolve } from './scope';
import { walk, type Node } from './visitor';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

interface ClassFacts {
  /** Its name in the module. */
  name: string;
  /** Names other modules import it by (`default` for a default export). */
  exportedAs: string[];
  /** The class or an instance reaches code that is not seen: no method's callers are all known. */
  escapes: boolean;
  /** Calls by method key (`m`, `#m`, `static m`). */
  calls: Map<string, TSESTree.CallExpression[]>;
  /** Method keys read other than as a call's callee (`this.m` handed on, `x.m.call(...)`). */
  uncalled: Set<string>;
}

/** `a.m` → `m`, `a.#m` → `#m`; undefined for `a[expr]`. */
function memberKey(member: TSESTree.MemberExpression): string | undefined {
  const p = member.property;
  if (p.type === 'PrivateIdentifier') return `#${p.name}`;
  if (!member.computed) return p.type === 'Identifier' ? p.name : undefined;
  return p.type === 'Literal' && typeof p.value === 'string' ? p.value : undefined;
}

/** A method's key in its class (`m`, `#m`, `static m`), when it is a plain method with a fixed name. */
function methodKey(def: TSESTree.MethodDefinition): string | undefined {
  if (def.kind !== 'method' || def.computed) return undefined;
  const k = def.key;
  const name = k.type === 'PrivateIdentifier' ? `#${k.name}` : k.type === 'Identifier' ? k.name : k.type === 'Literal' && typeof k.value === 'string' ? k.value : undefined;
  return name === undefined ? undefined : def.static ? `static ${name}` : name;
}

/** The class's module-level name and whether its declaration exports it. */
function declaredClass(cls: ClassNode): { name: string; exported: string | undefined } | undefined {
  const p = cls.parent;
  if (cls.type === 'ClassDeclaration' && cls.id) {
    if (p?.type === 'Program') return { name: cls.id.name, exported: undefined };
    if (p?.type === 'ExportNamedDeclaration') return { name: cls.id.name, exported: cls.id.name };
    if (p?.type === 'ExportDefaultDeclaration') return { name: cls.id.name, exported: 'default' };
    return undefined;
  }
  if (p?.type !== 'VariableDeclarator' || p.init !== cls || p.id.type !== 'Identifier') return undefined;
  const top = p.parent?.parent;
  if (top?.type === 'Program') return { name: p.id.name, exported: undefined };
  if (top?.type === 'ExportNamedDeclaration') return { name: p.id.name, exported: p.id.name };
  return undefined;
}

/** What the use of an instance (`this`, `new C()`, a local holding one) as `node` says: a call of `prefix + m`, or an escape. */
function instanceUse(node: Node, prefix: string, into: ClassFacts): void {
  const { parent, child } = outerParent(node);
  if (parent?.type === 'MemberExpression' && parent.object === child) {
    const key = memberKey(parent);
    if (key === undefined) {
      into.escapes = true;
      return;
    }
    const call = outerParent(parent);
    if (call.parent?.type === 'CallExpression' && call.parent.callee === call.child) {
      const list = into.calls.get(prefix + key);
      if (list) list.push(call.parent);
      else into.calls.set(prefix + key, [call.parent]);
    } else into.uncalled.add(prefix + key);
    return;
  }
  // `const x = new C(...)`: each of x's uses, when x is never assigned again.
  if (parent?.type === 'VariableDeclarator' && parent.init === child && parent.id.type === 'Identifier' && node.type === 'NewExpression') {
    const b = resolve(parent.id.name, [...ancestorsOf(parent), parent]);
    if (b && b.id === parent.id) {
      const refs = references(b);
      if (refs.every((r) => !isWrite(r.node))) {
        for (const r of refs) instanceUse(r.node, prefix, into);
        return;
      }
    }
  }
  into.escapes = true;
}

function ancestorsOf(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out.reverse();
}

/** `x = ...`, `x++`: the reference assigns the name. */
export function isWrite(ref: Node): boolean {
  const { parent, child } = outerParent(ref);
  return (parent?.type === 'AssignmentExpression' && parent.left === child) || parent?.type === 'UpdateExpression';
}

/** `this` in the class body: an instance's (methods, field initialisers), the class's (static code), or another's (a nested `function`). */
function thisUses(cls: ClassNode, into: ClassFacts): void {
  const body = cls.body;
  const kinds: ('instance' | 'static' | 'other')[] = [];
  const scopeOf = (node: Node): 'instance' | 'static' | 'other' | undefined => {
    const p = node.parent;
    if (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') {
      return p?.type === 'MethodDefinition' && p.value === node && p.parent === body ? (p.static ? 'static' : 'instance') : 'other';
    }
    if (node.type === 'PropertyDefinition' && p === body) return node.static ? 'static' : 'instance';
    if (node.type === 'StaticBlock' && p === body) return 'static';
    return undefined;
  };
  walk(body, {
    enter(node) {
      if (node !== body && node.type === 'ClassBody') return false; // a nested class has its own `this`
      const kind = scopeOf(node);
      if (kind) kinds.push(kind);
      if (node.type !== 'ThisExpression') return;
      const current = kinds[kinds.length - 1];
      if (current === 'instance') instanceUse(node, '', into);
      else if (current === 'static') instanceUse(node, 'static ', into);
    },
    leave(node) {
      if (scopeOf(node)) kinds.pop();
    },
  });
}

const CLASSES = new WeakMap<ClassNode, ClassFacts | null>();

function classFacts(cls: ClassNode, program: TSESTree.Program): ClassFacts | undefined {
  const known = CLASSES.get(cls);
  if (known !== undefined) return known ?? undefined;
  let found: ClassFacts | undefined;
  const declared = declaredClass(cls);
  const binding = declared && resolve(declared.name, [program]);
  if (declared && binding && (binding.id === (cls as TSESTree.ClassDeclaration).id || binding.declarator === cls.parent)) {
    found = { name: declared.name, exportedAs: declared.exported ? [declared.exported] : [], escapes: false, calls: new Map(), uncalled: new Set() };
    for (const ref of references(binding)) {
      const { parent, child } = outerParent(ref.node);
      if (parent?.type === 'NewExpression' && parent.callee === child) instanceUse(parent, '', found);
      else if (parent?.type === 'MemberExpression' && parent.object === child) instanceUse(ref.node, 'static ', found);
      else {
        const exported = exportedName(ref.node, ref.ancestors);
        if (exported !== undefined) found.exportedAs.push(exported);
        else found.escapes = true;
      }
    }
    thisUses(cls, found);
    // `const C = class D {}`: D's uses are not followed.
    if (cls.type === 'ClassExpression' && cls.id) found.escapes = true;
  }
  CLASSES.set(cls, found ?? null);
  return found;
}

/** What this file shows of a class method's callers (`name`: the method's key; `of`: its class). Undefined for any other function. */
export function classMethod(fn: FunctionNode, program: TSESTree.Program): (ModuleFunction & { of: string }) | undefined {
  const def = fn.parent;
  if (def?.type !== 'MethodDefinition' || def.value !== fn) return undefined;
  const key = methodKey(def);
  const cls = def.parent?.parent;
  if (key === undefined || (cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression')) return undefined;
  const facts = classFacts(cls, program);
  if (!facts) return undefined;
  return { name: key, of: facts.name, exportedAs: facts.exportedAs, escapes: facts.escapes || facts.uncalled.has(key), calls: facts.calls.get(key) ?? [] };
}
