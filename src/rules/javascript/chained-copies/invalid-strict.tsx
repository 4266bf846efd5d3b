// settings: {"strict": true}
// Strict mode notes UI chains and short constant lists as hints.
export function List({ items }: { items: { id: string; visible: boolean }[] }) {
  return <ul>{items.filter((item) => item.visible).map((item) => <li key={item.id} />)}</ul>;
}

export const flags = ['a', 'b', 'c'].filter((f) => f !== 'b').map((f) => `--${f}`);
