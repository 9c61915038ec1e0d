import { dayRange } from '../reports/day';
import type { Db } from '../store/db';
import { drawCandidates, drawnCount, insertSpotCheck } from '../store/spotChecks';

/** A 32-bit hash of the text (FNV-1a): turns a seed and a day into a generator's start. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small, well-known seeded generator; the same seed gives the same draw. */
export function seeded(seed: string): () => number {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given generator. */
function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * 随机抽检: for each agent who resolved tickets on `day`, draws up to `size` of those conversations for a
 * supervisor to score. The draw depends only on (seed, day, agent) and the candidates, so a test (or an
 * audit) with the same seed gets the same sample; a conversation already drawn is never drawn again, and
 * running the draw twice for a day tops up to `size` rather than doubling it. Returns the new checks.
 */
export function drawSpotChecks(db: Db, o: { day: string; timeZone: string; size: number; seed: string; at: number }) {
  const { from, to } = dayRange(o.day, o.timeZone);
  const byAgent = new Map<number, { ticketId: number; conversationId: number }[]>();
  for (const c of drawCandidates(db, from, to)) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  return db.transaction(() => {
    const drawn: { agentId: number; ticketId: number }[] = [];
    for (const [agentId, candidates] of [...byAgent].sort((a, b) => a[0] - b[0])) {
      const room = o.size - drawnCount(db, agentId, o.day);
      if (room <= 0) continue;
      for (const c of shuffle(candidates, seeded(`${o.seed}:${o.day}:${agentId}`)).slice(0, room)) {
        if (insertSpotCheck(db, { day: o.day, agentId, ...c, at: o.at })) drawn.push({ agentId, ticketId: c.ticketId });
      }
    }
    return drawn;
  })();
}
