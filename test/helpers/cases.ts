// Bug reports and complaints as players make them: through the web chat, the bot's own forms.
import { playerSays } from './desk';

/** A player reports a bug in the web chat; returns the bot's last reply. */
export async function reportBug(url: string, sessionId: string, r: { server: string; device?: string; description: string }): Promise<string> {
  await playerSays(url, sessionId, '我要报bug');
  await playerSays(url, sessionId, r.server);
  await playerSays(url, sessionId, `角色${sessionId}`);
  await playerSays(url, sessionId, r.device ?? 'iPhone 15 / iOS 18');
  return (await playerSays(url, sessionId, r.description)).join('\n');
}

/** A player files a complaint in the web chat; returns the complaint's number from the bot's reply. */
export async function fileComplaint(url: string, sessionId: string, text: string): Promise<number> {
  await playerSays(url, sessionId, '我要投诉');
  const replies = await playerSays(url, sessionId, text);
  const id = /投诉[（，]编号 #(\d+)/.exec(replies.join('\n'))?.[1];
  if (!id) throw new Error(`no complaint number in ${JSON.stringify(replies)}`);
  return Number(id);
}
