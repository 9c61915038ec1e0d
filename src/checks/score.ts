import { DeskError } from '../desk/errors';
import type { Db } from '../store/db';
import { getSpotCheck, saveScore, type SpotCheck } from '../store/spotChecks';
import type { Criterion } from './scorecard';

/**
 * A supervisor scores a drawn conversation: points for every criterion of the scorecard (0 up to its
 * maximum) and a comment. The check's score is the total over the maximum as 0-100; it feeds the agent's
 * figures. Scoring again replaces the earlier score.
 */
export function scoreSpotCheck(
  db: Db,
  o: { id: number; by: number; scores: Record<string, number>; comment?: string; scorecard: Criterion[]; at: number },
): SpotCheck {
  const check = getSpotCheck(db, o.id);
  if (!check) throw new DeskError(404, 'check_not_found', `spot check ${o.id} does not exist`);
  const problems = o.scorecard.flatMap((c) => {
    const v = o.scores[c.id];
    if (v === undefined) return [`${c.id}: missing`];
    if (!Number.isFinite(v) || v < 0 || v > c.points) return [`${c.id}: must be between 0 and ${c.points}`];
    return [];
  });
  const unknown = Object.keys(o.scores).filter((k) => !o.scorecard.some((c) => c.id === k));
  problems.push(...unknown.map((k) => `${k}: not on the scorecard`));
  if (problems.length) throw new DeskError(400, 'bad_scores', problems.join('; '));
  const max = o.scorecard.reduce((a, c) => a + c.points, 0);
  const total = o.scorecard.reduce((a, c) => a + o.scores[c.id], 0);
  saveScore(db, o.id, { by: o.by, scores: o.scores, score: Math.round((total / max) * 1000) / 10, comment: o.comment?.trim() || null, at: o.at });
  return getSpotCheck(db, o.id)!;
}
