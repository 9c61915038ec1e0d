// The FAQ build thread: loads an FAQ folder and trains its matcher, so that the service keeps answering
// while a large FAQ is rebuilt (about a second at 10,000 entries). It sends back the FAQ and the trained
// model's arrays (transferred, not copied); the service thread puts the matcher together in 60–80 ms.
import { parentPort } from 'node:worker_threads';
import { modelBuffers, trainModel } from '../matcher';
import { loadFaqFolder, problemsOf } from './build';
import { READY, type BuildReply, type BuildRequest } from './buildProtocol';

const port = parentPort!;
// jieba's dictionary and the general-language table load once, before the first edit arrives.
trainModel({ dir: '', entries: [], synonyms: [] });
port.postMessage(READY);

port.on('message', ({ id, dir }: BuildRequest) => {
  let reply: BuildReply;
  try {
    const { faq, settings } = loadFaqFolder(dir);
    const model = trainModel(faq, settings);
    reply = { id, ok: true, faq, settings, model };
    port.postMessage(reply, modelBuffers(model));
  } catch (err) {
    reply = { id, ok: false, problems: problemsOf(err, dir) };
    port.postMessage(reply);
  }
});
