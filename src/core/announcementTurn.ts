import { activeAnnouncements, type Announcement } from '../store/announcements';
import type { PipelineDeps, Turn } from './turn';

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** Whether an announcement concerns this question: a keyword in it, or the FAQ entry the matcher would pick. */
function concerns(a: Announcement, text: string, entryId: () => string | undefined): boolean {
  const folded = fold(text);
  if (a.keywords.some((k) => folded.includes(fold(k)))) return true;
  if (!a.entries.length) return false;
  const id = entryId();
  return id !== undefined && a.entries.includes(id);
}

/**
 * Incident mode: while an announcement is in force for this channel, a question it concerns gets the
 * announcement, before the matcher and without a ticket (a server down would otherwise queue every player).
 */
export function announcementTurn(turn: Turn, deps: PipelineDeps): boolean {
  const text = turn.msg.text;
  if (!text.trim()) return false;
  const active = activeAnnouncements(deps.db, turn.at).filter((a) => !a.channels.length || a.channels.includes(turn.msg.channel));
  if (!active.length) return false;
  let entry: string | undefined | null = null;
  const entryId = () => {
    if (entry === null) {
      const d = deps.matcher().decide(text);
      entry = d.kind === 'answer' || d.kind === 'action' ? d.entry.id : undefined;
    }
    return entry;
  };
  const hit = active.find((a) => concerns(a, text, entryId));
  if (!hit) return false;
  turn.decision = { kind: 'announcement', entryId: `announcement:${hit.id}` };
  turn.conversation.misses = 0;
  turn.conversation.state = 'bot';
  turn.conversation.context = {};
  turn.reply(`【公告】${hit.title}\n${hit.text}`);
  return true;
}
