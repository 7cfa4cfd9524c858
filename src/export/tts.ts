/** Tabletop Simulator reads a deck sheet as a grid of 2 to 10 columns and 2 to 7 rows, its last slot the back. */
export const TTS_COLUMNS = 10;
export const TTS_ROWS = 7;

export interface TtsGrid {
  /** Index of the first card of this sheet among the cards of its group. */
  first: number;
  count: number;
  columns: number;
  rows: number;
}

/** Sheets for `cards` cards sharing one back: as few as possible, each as small a grid as holds its cards. */
export function ttsLayout(cards: number): TtsGrid[] {
  const perSheet = TTS_COLUMNS * TTS_ROWS - 1;
  const grids: TtsGrid[] = [];
  for (let first = 0; first < cards; first += perSheet) {
    const count = Math.min(perSheet, cards - first);
    const slots = count + 1;
    const columns = Math.max(2, Math.min(TTS_COLUMNS, Math.ceil(Math.sqrt(slots * 1.4))));
    const rows = Math.max(2, Math.ceil(slots / columns));
    grids.push({ first, count, columns, rows: Math.min(TTS_ROWS, rows) });
  }
  return grids.map((g) =>
    g.columns * g.rows >= g.count + 1
      ? g
      : { ...g, columns: TTS_COLUMNS, rows: Math.ceil((g.count + 1) / TTS_COLUMNS) },
  );
}
