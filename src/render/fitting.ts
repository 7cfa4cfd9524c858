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
  /** Each style's normal size (its `size` in the layout), for the styles that were drawn. */
  normal: Record<string, number>;
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

  /** Notes that text of `style` (normally `normal` points) was drawn at `size` on `subject`. */
  record(subject: string, style: string, size: number, normal: number = size): void {
    const entry = this.entry(subject);
    const rounded = Math.round(size * 100) / 100;
    const before = entry.sizes[style];
    if (before === undefined || rounded < before) entry.sizes[style] = rounded;
    entry.normal[style] = Math.round(normal * 100) / 100;
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
      entry = { subject, sizes: {}, normal: {}, overflow: false };
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

/** A card or page whose text had to shrink: its most shrunk style, and how far. */
export interface TightSubject {
  subject: string;
  style: string;
  size: number;
  normal: number;
  /** `size / normal`: 1 is no shrinking; the smaller, the tighter. */
  ratio: number;
  overflow: boolean;
}

/**
 * Every subject of `records` whose text was drawn below its normal size (or did not fit at all), worst first:
 * what a pseudo-locale build is for (the cards a translation will make tight). `only` as in `styleFloors`.
 */
export function tightSubjects(records: readonly FitRecord[], only?: readonly string[]): TightSubject[] {
  const tight: TightSubject[] = [];
  for (const record of records) {
    if (only && !only.some((prefix) => record.subject.startsWith(prefix))) continue;
    let worst: TightSubject | undefined;
    for (const [style, size] of Object.entries(record.sizes)) {
      const normal = record.normal[style] ?? size;
      const ratio = normal > 0 ? size / normal : 1;
      if (ratio < 0.999 && (!worst || ratio < worst.ratio))
        worst = { subject: record.subject, style, size, normal, ratio, overflow: record.overflow };
    }
    if (worst) tight.push(worst);
    else if (record.overflow) {
      const [style, size] = Object.entries(record.sizes)[0] ?? ['', 0];
      tight.push({ subject: record.subject, style, size, normal: size, ratio: 1, overflow: true });
    }
  }
  return tight.sort(
    (a, b) =>
      Number(b.overflow) - Number(a.overflow) || a.ratio - b.ratio || a.subject.localeCompare(b.subject),
  );
}
