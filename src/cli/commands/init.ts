import { initDeck, type StarterKind } from '../../init/init-deck.ts';
import { EXIT } from '../exit.ts';
import { USAGE } from '../usage.ts';

export interface InitOptions {
  kind: StarterKind;
}

/** `atelier init [dir] [--kind workshop|cards]`: a commented starter deck that builds as it is. */
export async function runInit(dir: string | undefined, options: InitOptions): Promise<number> {
  const folder = dir ?? '.';
  const result = initDeck(folder, options.kind);
  if (!result.ok) {
    process.stderr.write(`atelier: ${result.reason}\n${USAGE.init}\n`);
    return EXIT.usage;
  }
  const shown = folder === '.' ? 'this folder' : folder;
  process.stdout.write(
    `wrote a ${options.kind} starter deck into ${shown}: ${result.files.join(', ')}\n` +
      'every field is explained in deck.yaml; next:\n' +
      `  atelier validate ${folder}\n  atelier build ${folder}\n`,
  );
  return EXIT.ok;
}
