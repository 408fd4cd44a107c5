// Where things go on the screen: header and footer lines, the list pane above the detail pane, sized to the terminal.

export interface Layout {
  columns: number;
  rows: number;
  /** Too small to draw the panes. */
  tooSmall: boolean;
  /** Text width inside a pane's border. */
  innerWidth: number;
  /** Outer heights of the two panes (border included). */
  listBox: number;
  detailBox: number;
  /** Rows of findings the list shows (below its caption line). */
  listHeight: number;
  /** Lines of text the detail pane shows. */
  detailHeight: number;
}

export const minimumSize = { columns: 40, rows: 12 };
const headerLines = 2;
const footerLines = 2;
const border = 2;

export function layoutFor(columns: number, rows: number): Layout {
  const body = Math.max(0, rows - headerLines - footerLines);
  const listBox = Math.max(4, Math.floor(body * 0.4));
  const detailBox = Math.max(3, body - listBox);
  return {
    columns,
    rows,
    tooSmall: columns < minimumSize.columns || rows < minimumSize.rows,
    innerWidth: Math.max(1, columns - border),
    listBox,
    detailBox,
    listHeight: Math.max(1, listBox - border - 1),
    detailHeight: Math.max(1, detailBox - border),
  };
}

/** The first visible row: the selection stays in view, centred when the list is longer than the pane. */
export function scrollStart(selected: number, total: number, height: number): number {
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}
