// UI code: rendering a filtered list is not a memory problem (strict mode reports it as a hint).
interface Item {
  id: string;
  label: string;
  visible: boolean;
}

export function List({ items }: { items: Item[] }) {
  return (
    <ul>
      {items.filter((item) => item.visible).map((item) => (
        <li key={item.id}>{item.label}</li>
      ))}
    </ul>
  );
}

export const rows = (items: Item[]) => items.filter((i) => i.visible).map((i) => <tr key={i.id} />);
