/**
 * Tables for a terminal: columns padded to their widest cell, and, when the rows would pass the
 * terminal's width, the widest columns shortened (with "…") until they fit. Never wider than
 * `width` unless even one character per column cannot fit.
 * @module
 */

/** Renders `header` and `rows` within `width` columns (no limit when undefined). */
export function renderTable(header: readonly string[], rows: readonly string[][], width: number | undefined): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column] ?? "")].length)));
  const gap = 2;
  if (width !== undefined) {
    const total = () => widths.reduce((sum, w) => sum + w, 0) + gap * (widths.length - 1);
    while (total() > width) {
      const widest = widths.indexOf(Math.max(...widths));
      if (widths[widest]! <= 4) break;
      widths[widest]! -= 1;
    }
  }
  const fitCell = (cell: string, w: number) => {
    const chars = [...cell];
    return chars.length <= w ? cell.padEnd(w + (cell.length - chars.length)) : `${chars.slice(0, w - 1).join("")}…`;
  };
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => fitCell(cell, widths[column]!))
      .join(" ".repeat(gap))
      .trimEnd();
  return `${all.map(line).join("\n")}\n`;
}
