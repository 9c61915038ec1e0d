// 个人信息保护法: a player's data exported in full, then erased with no copy left in the database files.
import { rmSync } from 'node:fs';
import { openStore } from '../../src/store/db';
import { listAudit } from '../../src/store/audit';
import { signedInAgent } from '../helpers/desk';
import { startKefu, tempDir } from '../helpers/kefu';
import { OTHER, SECRET, counts, foundInFiles, kefuCli, playerWithHistory } from './helpers';

const secrets = Object.values(SECRET);

it('exports everything held about a player, erases it from the command line, and leaves no copy in the files', async () => {
  const dataDir = tempDir();
  const k = await startKefu({ KEFU_DATA_DIR: dataDir });
  try {
    await playerWithHistory(k);
    const before = counts(k.kefu);
    await k.stop();

    const exported = await kefuCli(dataDir, 'player', 'export', '--channel', 'webchat', '--user', SECRET.sessionId, '--json');
    const copy = JSON.parse(exported.stdout);
    // Every secret is in the copy (the note too: it is data about the player), and nobody else's words.
    for (const s of secrets) expect(exported.stdout).toContain(s);
    expect(exported.stdout).not.toContain(OTHER.text);
    expect(copy.players[0].player).toMatchObject({ channel: 'webchat', user_id: SECRET.sessionId });
    expect(copy.players[0].bugReports[0]).toMatchObject({ server: SECRET.server, role_name: SECRET.role, device: SECRET.device });
    expect(secrets.every((s) => foundInFiles(dataDir, [s]).length === 1)).toBe(true); // the scan can see them

    const erased = await kefuCli(dataDir, 'player', 'erase', '--channel', 'webchat', '--user', SECRET.sessionId);
    expect(erased.stdout).toMatch(/^erased player #1: messages \d+/);

    expect(foundInFiles(dataDir, secrets)).toEqual([]);
    expect(foundInFiles(dataDir, [OTHER.text])).toEqual([OTHER.text]);
    const db = openStore(dataDir);
    try {
      // Reports keep their anonymous counts: every row is still there, emptied.
      expect(counts({ db })).toEqual(before);
      expect(db.prepare("SELECT category, text FROM complaints").get()).toEqual({ category: expect.any(String), text: '' });
      expect(db.prepare("SELECT severity, description, server FROM bug_reports").get()).toEqual({ severity: 'minor', description: '', server: null });
      expect(listAudit(db).map((e) => [e.kind, e.actor.split(':')[0], e.playerIds])).toEqual([
        ['player.erase', 'cli', [1]],
        ['player.export', 'cli', [1]],
      ]);
      expect(JSON.stringify(listAudit(db))).not.toContain(SECRET.sessionId);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000); // two runs of the CLI, each a fresh Node with tsx

it('lets an admin export and erase from the console API while the service runs, and nobody else', async () => {
  const k = await startKefu();
  try {
    const { admin } = await playerWithHistory(k);
    const supervisor = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
    const body = { channel: 'webchat', userId: SECRET.sessionId };
    expect((await supervisor.post('/api/players/export', body)).status).toBe(403);
    expect((await supervisor.post('/api/players/erase', body)).status).toBe(403);
    expect((await admin.post('/api/players/erase', { channel: 'fax', userId: 'x' })).status).toBe(400);

    const copy = await admin.post('/api/players/export', body);
    expect(copy.status).toBe(200);
    expect(copy.body.players[0].complaints[0].text).toBe(SECRET.complaint);

    const erased = await admin.post('/api/players/erase', body);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ playerIds: [1], walCleared: true, erased: { complaints: 1, bugReports: 1 } });
    expect(foundInFiles(k.dataDir, secrets)).toEqual([]);
    expect((await admin.post('/api/players/erase', body)).status).toBe(404);

    // The player writes again: a new player, with nothing of the old one.
    const again = await fetch(`${k.url}/webchat/api/messages?sessionId=${SECRET.sessionId}`).then((r) => r.json());
    expect(again.messages).toEqual([]);
    const audit = (await admin.get('/api/audit')).body.events;
    expect(audit.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
      ['player.erase', `agent:${admin.id}`],
      ['player.export', `agent:${admin.id}`],
    ]);
  } finally {
    await k.stop();
  }
});
