import { generatedFaq } from './bench/lib/generatedFaq';
import { buildMatcher } from './src/matcher';
import { mergeSynonyms } from './src/matcher/baseSynonyms';
import { createNormalizer } from './src/matcher/normalize';
import { Vocabulary } from './src/matcher/features';
import { LexicalIndex } from './src/matcher/lexicalIndex';
import { tokenize, addUserTerms } from './src/matcher/tokenize';
buildMatcher(generatedFaq(50));
const faq = generatedFaq(10000);
for (let r = 0; r < 3; r++) {
  const T: Record<string, number> = {}; let t = performance.now();
  const lap = (k: string) => { const n = performance.now(); T[k] = Math.round(n - t); t = n; };
  const norm = createNormalizer(mergeSynonyms(faq.synonyms)); lap('fold');
  const qs = norm.many(faq.entries.flatMap((e) => e.questions)); lap('normalize');
  for (const q of qs) tokenize(q); lap('tokenize');
  const owner = faq.entries.flatMap((e, i) => e.questions.map(() => i));
  const v = new Vocabulary(qs); lap('vocab(incl tokenize)');
  new LexicalIndex(v.documents, owner, faq.entries.length, v.size); lap('index');
  const t0 = performance.now(); buildMatcher(faq); T.total = Math.round(performance.now() - t0);
  console.log(JSON.stringify(T));
}
