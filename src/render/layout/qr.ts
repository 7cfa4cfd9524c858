import QRCode from 'qrcode';
import type { QrNode } from '../../compose/layout/nodes.ts';
import { error } from '../../diagnostics/diagnostic.ts';
import { fieldPosition } from '../diagnostics.ts';
import type { RenderContext } from './context.ts';

/**
 * A QR code as vector paths: the module matrix from the `qrcode` package, each row's runs of dark modules as
 * one rectangle, filled at once. It scales to any print size and stays sharp, unlike a bitmap; the modules sit
 * in the largest square of the box, top-left aligned, so the designer's margins are the quiet zone.
 */
export function drawQrCode(ctx: RenderContext, text: string, node: QrNode): void {
  let modules: { size: number; get(row: number, col: number): number | boolean };
  try {
    modules = QRCode.create(text, { errorCorrectionLevel: node.level }).modules;
  } catch (e) {
    ctx.diagnostics.add(
      error(
        'render/qr-too-long',
        `${ctx.subject.label}: \`${node.field}\` cannot be a QR code: ${(e as Error).message}`,
        fieldPosition(ctx.subject, node.field) ?? node.at,
        'shorten the address (a link shortener, or fewer query parameters)',
      ),
    );
    return;
  }
  const side = Math.min(node.rect.w, node.rect.h);
  if (side <= 0) return;
  const n = modules.size;
  const unit = side / n;
  const { doc } = ctx;
  doc.save();
  for (let row = 0; row < n; row++) {
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && Boolean(modules.get(row, col));
      if (dark && start < 0) start = col;
      else if (!dark && start >= 0) {
        doc.rect(node.rect.x + start * unit, node.rect.y + row * unit, (col - start) * unit, unit);
        start = -1;
      }
    }
  }
  doc.fillColor(node.colour).fill();
  doc.restore();
}
