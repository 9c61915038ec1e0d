/**
 * A light English stemmer (a few Porter step-1 rules): enough that refund / refunds / refunded /
 * refunding meet, without Porter's aggressive cuts that merge unrelated words.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return IRREGULAR.get(word) ?? word;
  let w = IRREGULAR.get(word) ?? word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** stopp(ed) → stop, but fill → fill */
function undouble(w: string): string {
  return /([^aeioulsz])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Irregular English forms players use in support questions, to their base form (sent → send, paid → pay). */
// A Map, not an object literal: 'constructor' or 'tostring' must not find Object.prototype's members.
const IRREGULAR = new Map<string, string>(
  (
    'sent:send paid:pay bought:buy lost:lose stolen:steal stole:steal took:take taken:take made:make gave:give ' +
    'given:give came:come went:go gone:go froze:freeze frozen:freeze withdrew:withdraw withdrawn:withdraw ' +
    'spent:spend left:leave kept:keep told:tell found:find wrote:write written:write forgot:forget ' +
    'forgotten:forget chose:choose chosen:choose got:get gotten:get did:do done:do ' +
    'cant:cannot couldnt:cannot unable:cannot wont:not didnt:not doesnt:not dont:not isnt:not wasnt:not havent:not hasnt:not'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);
