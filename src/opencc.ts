// opencc-js types its ESM build only; its CommonJS builds are typed here.
type Convert = (text: string) => string;
/* eslint-disable @typescript-eslint/no-require-imports */

/** Traditional → Simplified (opencc's t → cn): how the matcher compares, and how players' scripts are told apart. */
export const toSimplified: Convert = (require('opencc-js/t2cn') as { Converter(o: { from: 't'; to: 'cn' }): Convert }).Converter({
  from: 't',
  to: 'cn',
});

let cn2tw: Convert | undefined;

/**
 * Simplified → Traditional with Taiwan's standard characters (opencc's cn → tw). Its dictionary takes
 * ~0.3 s and some MB to load, so it is loaded on first use: never, where no player writes Traditional.
 */
export function toTraditional(text: string): string {
  cn2tw ??= (require('opencc-js/cn2t') as { Converter(o: { from: 'cn'; to: 'tw' }): Convert }).Converter({ from: 'cn', to: 'tw' });
  return cn2tw(text);
}
