import type { DiagnosticSink, Subject } from '../diagnostics.ts';
import type { FitRecorder } from '../fitting.ts';
import type { ImageStore } from '../images.ts';
import type { TextEmitter } from '../text/emit.ts';
import type { FontSet } from '../text/faces.ts';

/** Everything drawing one layout needs: the document and its fonts, images, where problems go, what is drawn. */
export interface RenderContext {
  doc: PDFKit.PDFDocument;
  fonts: FontSet;
  emitter: TextEmitter;
  images: ImageStore;
  locale: string;
  diagnostics: DiagnosticSink;
  /** What is being drawn right now; set before each card or page. */
  subject: Subject;
  /** Text that does not fit is a warning (drawn cut, with an ellipsis) instead of an error: `--allow-overflow`. */
  allowOverflow?: boolean;
  /** Collects the size each style was drawn at, per subject, when a report is wanted. */
  fitting?: FitRecorder;
}
