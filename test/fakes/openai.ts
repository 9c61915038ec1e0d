// A loopback OpenAI-compatible service: POST /v1/chat/completions in the real wire format (request and
// response bodies as the API documents them), scripted per test: a JSON answer, a slow one, a 500, garbage.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string };
  max_tokens?: number;
  temperature?: number;
}

export interface Received {
  path: string;
  authorization?: string;
  body: ChatRequest;
  /** The raw body as sent, for "this never left the machine" assertions. */
  raw: string;
}

/** How to answer one request: content (a string, or an object sent as JSON text), or a failure. */
export type FakeAnswer =
  | { content: string | object; delayMs?: number; usage?: { prompt: number; completion: number } }
  | { status: number; error: string; delayMs?: number }
  | { rawBody: string; delayMs?: number };

export interface FakeOpenAi {
  baseUrl: string;
  received: Received[];
  /** The answer for each request; change it in a test. */
  answer: (req: ChatRequest) => FakeAnswer;
  close(): Promise<void>;
}

/** The user message's JSON payload of a request (what Kefu sends there). */
export function payloadOf(req: ChatRequest): any {
  return JSON.parse(req.messages.find((m) => m.role === 'user')!.content);
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const received: Received[] = [];
  let id = 0;
  const fake: FakeOpenAi = {
    baseUrl: '',
    received,
    answer: () => ({ content: { entry_id: 'none' } }),
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = JSON.parse(raw) as ChatRequest;
    received.push({ path: req.url, authorization: req.headers.authorization, body, raw });
    const answer = fake.answer(body);
    if (answer.delayMs) {
      const waited = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), answer.delayMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(false);
        });
      });
      if (!waited) return; // the client gave up
    }
    if ('rawBody' in answer) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer.rawBody);
    } else if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: answer.error, type: 'server_error' } }));
    } else {
      const content = typeof answer.content === 'string' ? answer.content : JSON.stringify(answer.content);
      const usage = answer.usage ?? { prompt: 120, completion: 12 };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${++id}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
        }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** The environment that points Kefu at the fake. */
export function llmEnv(fake: FakeOpenAi, extra: Record<string, string> = {}): Record<string, string> {
  return { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseUrl, KEFU_LLM_MODEL: 'kefu-test-model', ...extra };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
