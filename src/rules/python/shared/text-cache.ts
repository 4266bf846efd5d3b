// A value computed once per text (an index of its words, where new imports go): rules ask about the text being
// linted many times, and comparing a string with itself costs nothing.

export function textCache<T>(compute: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last?.text !== text) last = { text, value: compute(text) };
    return last.value;
  };
}
