import { Command } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { registerAgentCommands } from './cli/agent';
import { registerCaseCommands } from './cli/cases';
import { registerChatCommand } from './cli/chat';
import { registerFaqCommands } from './cli/faq';
import { registerPlayerCommands } from './cli/player';
import { registerHandoverCommand } from './cli/handover';
import { registerReportCommands } from './cli/report';
import { registerStoreCommands } from './cli/store';
import { explainStartupError } from './startupError';

/** `kefu`: the operators' and admins' command (DESIGN §5 "Commands"). */
loadDotenv({ quiet: true });
const program = new Command('kefu').description('Kefu 客服: customer service for game operators');
program
  .command('start')
  .description('start the service (same as npm start)')
  // Loaded only for `start`: the service (http, channels, jobs) is most of what a command would load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .action(() => (require('./main') as typeof import('./main')).main());
registerChatCommand(program);
registerFaqCommands(program);
registerStoreCommands(program);
registerAgentCommands(program);
registerPlayerCommands(program);
// `kefu report <name>`: one subcommand per report (daily and agents from src/cli/report.ts, complaints from the cases).
const report = registerReportCommands(program);
registerCaseCommands(program, report);
registerHandoverCommand(program);

program.parseAsync(process.argv).catch((err) => {
  console.error(explainStartupError(err));
  process.exit(1);
});
