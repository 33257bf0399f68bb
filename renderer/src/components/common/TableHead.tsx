/** A table's header row; an empty label leaves a blank header over a column of buttons. */
export function TableHead({ columns }: { columns: readonly (string | { label: string; className: string })[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) =>
          typeof column === 'string' ? <th key={i}>{column}</th> : <th key={i} className={column.className}>{column.label}</th>,
        )}
      </tr>
    </thead>
  );
}
