// One agent in its own process, with its own connection to the same SQLite file, claiming at a set instant.
// Prints "won" or the refusal's code. Used by claim-race.test.ts.
import { claimTicket } from '../../src/desk/claim';
import { KefuEvents } from '../../src/core/events';
import { DEFAULT_PHRASES } from '../../src/core/phrases';
import { createLogger } from '../../src/log';
import { getAgent } from '../../src/store/agents';
import { openStore } from '../../src/store/db';

const [dataDir, agentId, ticketId, startAt] = process.argv.slice(2);
const db = openStore(dataDir);
const ctx = { db, events: new KefuEvents(), log: createLogger('silent'), now: Date.now, policy: { firstResponseMs: 300_000 }, phrases: () => DEFAULT_PHRASES };
const agent = getAgent(db, Number(agentId))!;
while (Date.now() < Number(startAt)) {
  // spin until the common start, so the claims really overlap
}
try {
  claimTicket(ctx, Number(ticketId), agent);
  console.log('won');
} catch (err) {
  console.log((err as { code?: string }).code ?? (err as Error).message);
} finally {
  db.close();
}
