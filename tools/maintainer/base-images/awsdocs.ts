/**
 * Package tables of the Amazon Linux user guides (the pages that compare the RPMs installed on
 * the AMIs), in the Markdown the guides are published in: a `## heading`, then a table whose
 * first column names the package and whose other columns give its version on each image, a blank
 * cell where the image does not have it.
 */

/** Every table on the page: its heading, its column titles, and per package the cells. */
export interface DocTable {
  heading: string;
  columns: string[];
  rows: Array<{ name: string; cells: string[] }>;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The package a first-column cell names: `name`, `` [`name`](link) ``, with Markdown escapes undone. */
export function cellName(cell: string): string {
  const link = /^\[`?([^`\]]+)`?\]\([^)]*\)$/.exec(cell);
  const name = link ? link[1]! : cell.replace(/^`|`$/g, "");
  return name.replace(/\\(.)/g, "$1");
}

export function docTables(markdown: string): DocTable[] {
  const tables: DocTable[] = [];
  let heading = "";
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h) {
      heading = h[1]!.trim();
      continue;
    }
    if (!line.trim().startsWith("|") || !/^\s*\|?\s*-{3}/.test(lines[i + 1] ?? "")) continue;
    const table: DocTable = { heading, columns: cells(line), rows: [] };
    for (i += 2; i < lines.length && lines[i]!.trim().startsWith("|"); i++) {
      const c = cells(lines[i]!);
      table.rows.push({ name: cellName(c[0] ?? ""), cells: c.slice(1) });
    }
    tables.push(table);
  }
  return tables;
}

/** The packages the column titled `column` of the table under `heading` gives a version for. */
export function tableColumn(markdown: string, heading: string, column: string): string[] {
  const table = docTables(markdown).find((t) => t.heading === heading);
  if (!table) throw new Error(`no table under the heading "${heading}"`);
  const at = table.columns.indexOf(column);
  if (at < 1) throw new Error(`the table under "${heading}" has no column "${column}" (columns: ${table.columns.join(", ")})`);
  return table.rows
    .filter((r) => (r.cells[at - 1] ?? "") !== "")
    .map((r) => r.name)
    .sort();
}
