import type { FlowBlock } from '../../../compose/guide/flow.ts';
import { type Atom, type Frame, StructNode } from '../model.ts';
import type { GuideStyles, PageGeometry } from '../styles.ts';
import type { Typesetter } from '../typesetter.ts';
import { callout, cardNote, field } from './boxes.ts';
import { type Box, heading, keepTogether, type LayoutContext, paragraph } from './context.ts';
import { cover } from './cover.ts';
import { cutOuts } from './cut-outs.ts';
import { facts, list } from './lists.ts';
import { section } from './sections.ts';
import { checklist, table } from './tables.ts';
import { toc } from './toc.ts';
import { worksheet } from './worksheet.ts';

/*
 * Flow blocks → atoms. Each block becomes vertical slices that pagination may separate: one per line of a
 * paragraph (widows and orphans held by `keepWithNext`), one per table row, one per checklist entry...
 * Boxes hand their frame to every atom inside and ask to stay on one page when they fit on one.
 */
export class GuideLayout implements LayoutContext {
  readonly root = new StructNode('Document');
  all: readonly FlowBlock[] = [];
  private frameIds = 0;

  constructor(
    readonly ts: Typesetter,
    readonly styles: GuideStyles,
    readonly page: PageGeometry,
  ) {}

  layout(blocks: readonly FlowBlock[]): Atom[] {
    this.all = blocks;
    return this.blocks(blocks, {
      x: this.page.left,
      width: this.page.bodyWidth,
      frames: [],
      struct: this.root,
      level: 0,
    });
  }

  blocks(blocks: readonly FlowBlock[], box: Box): Atom[] {
    return blocks.flatMap((block) => this.block(block, box));
  }

  frame(spec: Omit<Frame, 'id'>): Frame {
    this.frameIds += 1;
    return { id: this.frameIds, ...spec };
  }

  private block(block: FlowBlock, box: Box): Atom[] {
    const s = this.styles;
    switch (block.kind) {
      case 'cover':
        return [cover(this, block, this.root)];
      case 'toc':
        return toc(this, block, box);
      case 'section':
        return section(this, block, box);
      case 'heading':
        return block.level === 2
          ? [heading(this, block.runs, s.h2, box, 'H2', 14)]
          : [heading(this, block.runs, s.h3, box, 'H3', 10)];
      case 'paragraph':
        return paragraph(this, block.runs, s[block.style], box, s.paragraphSpace);
      case 'list':
        return list(this, block.items, block.ordered, s[block.style], box);
      case 'table':
        return table(this, block, box);
      case 'checklist':
        return checklist(this, block.items, box);
      case 'card-note':
        return cardNote(this, block, box);
      case 'field':
        return field(this, block, box);
      case 'callout':
        return callout(this, block, box);
      case 'facts':
        return facts(this, block.facts, block.columns, box);
      case 'keep':
        return keepTogether(this.blocks(block.children, box), this.page.bodyHeight);
      case 'cut-outs':
        return cutOuts(this, block, box);
      case 'pagebreak':
        return [
          {
            height: 0,
            spaceBefore: 0,
            keepWithNext: false,
            breakBefore: true,
            items: [],
            frames: box.frames,
          },
        ];
      case 'spacer':
        return [{ height: 0, spaceBefore: block.height, keepWithNext: false, items: [], frames: box.frames }];
      case 'worksheet':
        return worksheet(this, block, box);
    }
  }
}
