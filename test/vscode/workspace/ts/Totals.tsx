export function Totals({ rows }: { rows: { name: string; bytes: number }[] }) {
  const byName = rows.reduce((acc, row) => ({ ...acc, [row.name]: row.bytes }), {});
  return <pre>{JSON.stringify(byName)}</pre>;
}
