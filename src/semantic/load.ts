import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readModel, type ModelHeader } from './file';
import { SemanticModel } from './model';

/** The model shipped in the repository, rebuilt by `npm run train`. */
export const DEFAULT_MODEL_PATH = resolve(__dirname, '../../models/semantic.bin');

let cached: { path: string; model: SemanticModel; header: ModelHeader } | undefined;

/**
 * The semantic model, read once per process (~50 ms): `KEFU_SEMANTIC_MODEL` names another file; without
 * a file the matcher works on words alone, as before the model existed.
 */
export function baseSemanticModel(path = process.env.KEFU_SEMANTIC_MODEL || DEFAULT_MODEL_PATH): SemanticModel | undefined {
  if (cached?.path === path) return cached.model;
  if (!existsSync(path)) return undefined;
  const { data, header } = readModel(path);
  cached = { path, model: new SemanticModel(data), header };
  return cached.model;
}

export function semanticModelHeader(): ModelHeader | undefined {
  return cached?.header;
}
