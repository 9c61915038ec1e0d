import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The matcher's settings: decision thresholds, and whether the built-in synonyms apply. The default
 * thresholds were chosen with the semantic layer on, across six labelled sets, not one: the dev splits of
 * the three blind sets (wrong answers within 5%), the sample FAQ (within 2%) and a second game's FAQ in
 * Chinese and in English. `kefu faq eval --calibrate DEV.jsonl` chooses thresholds for one FAQ and prints
 * them for `faq/matcher.yaml`. Answer and margin were chosen again (0.3 / 0.04 → 0.26 / 0.06) with the topic
 * agreement (SemanticLayer.topicAgreement), on the five blind sets' dev splits at the same mean wrong-answer rate.
 */
export const MatcherSettingsSchema = z
  .object({
    /** Confidence at or above which the best entry is answered. */
    answerThreshold: z.number().min(0).max(1).default(0.26),
    /** Confidence at or above which the top entries are offered as numbered choices (below: "I don't know"). */
    clarifyThreshold: z.number().min(0).max(1).default(0.2),
    /** The best must lead the second by this much to be answered rather than clarified. */
    margin: z.number().min(0).max(1).default(0.06),
    /** Share of the trained classifier in the confidence; the rest is lexical similarity. */
    classifierWeight: z.number().min(0).max(1).default(0),
    /** Choices offered when clarifying. */
    choices: z.number().int().min(2).max(5).default(3),
    /**
     * Whether the built-in synonyms (src/matcher/baseSynonyms.ts) join the FAQ's own `synonyms.yaml`, and the
     * built-in ways of asking for a person (src/matcher/rules.ts) the handoff entry's keywords.
     */
    baseSynonyms: z.boolean().default(true),
    /** Whether the trained semantic model (models/semantic.bin) joins the lexical evidence. */
    semantic: z.boolean().default(true),
    /** Share of the semantic score in the confidence (the rest: the lexical and classifier confidence). */
    semanticWeight: z.number().min(0).max(1).default(0.85),
  })
  .strict();

export type MatcherSettings = z.infer<typeof MatcherSettingsSchema>;

export const DEFAULT_SETTINGS: MatcherSettings = MatcherSettingsSchema.parse({});

/** `faq/matcher.yaml` when present (validated; a bad value throws naming the field), else the defaults. */
export function loadMatcherSettings(faqDir: string): MatcherSettings {
  const path = join(faqDir, 'matcher.yaml');
  if (!existsSync(path)) return DEFAULT_SETTINGS;
  const parsed = MatcherSettingsSchema.safeParse(parse(readFileSync(path, 'utf8')) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
}
