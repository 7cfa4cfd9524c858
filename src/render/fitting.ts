/*
 * What shrink-to-fit did, per card or page: the size each text style was drawn at. A designer reads it to
 * know how far a locale pushed the text ("the smallest body text in English is 8.1 pt, on card X") without
 * opening the PDF; a test reads it to keep the shipped deck's text comfortable.
 */

/** One card face or page: the smallest size each style was drawn at on it, in points. */
export interface FitRecord {
  /** What was drawn, as in messages: "event card `open-licence`", "context sheet `ville`". */
  subject: string;
  /** Smallest size per style name. */
  sizes: Record<string, number>;
  /** Whether some text of it did not fit at its style's min size (a `render/overflow` was reported). */
  overflow: boolean;
}

/** The smallest size of one style over a whole document, and where it is. */
export interface StyleFloor {
  style: string;
  size: number;
  subject: string;
}

export class FitRecorder {
  private readonly bySubject = new Map<string, FitRecord>();

  /** Notes that text of `style` was drawn at `size` on `subject`. */
  record(subject: string, style: string, size: number): void {
    const sizes = this.entry(subject).sizes;
    const rounded = Math.round(size * 100) / 100;
    const before = sizes[style];
    if (before === undefined || rounded < before) sizes[style] = rounded;
  }

  overflowed(subject: string): void {
    this.entry(subject).overflow = true;
  }

  /** Records in the order the subjects were first drawn. */
  get records(): FitRecord[] {
    return [...this.bySubject.values()];
  }

  private entry(subject: string): FitRecord {
    let entry = this.bySubject.get(subject);
    if (!entry) {
      entry = { subject, sizes: {}, overflow: false };
      this.bySubject.set(subject, entry);
    }
    return entry;
  }
}

/**
 * The smallest size each style reached over `records`, smallest first; `only` keeps the subjects whose label
 * starts with one of its prefixes (`event card`). The first subject that reached the size is named.
 */
export function styleFloors(records: readonly FitRecord[], only?: readonly string[]): StyleFloor[] {
  const floors = new Map<string, StyleFloor>();
  for (const record of records) {
    if (only && !only.some((prefix) => record.subject.startsWith(prefix))) continue;
    for (const [style, size] of Object.entries(record.sizes)) {
      const floor = floors.get(style);
      if (!floor || size < floor.size) floors.set(style, { style, size, subject: record.subject });
    }
  }
  return [...floors.values()].sort((a, b) => a.size - b.size || a.style.localeCompare(b.style));
}
