import { parseArgs } from 'node:util';
import { CliError, describeCliError } from './errors.ts';
import { runQuestions } from './commands/questions.ts';
import { runRubrics } from './commands/rubrics.ts';

const USAGE = `Usage: rehearse <command> [options]

Commands:
  questions                         List the question bank.
  rubrics                           List the rubrics answers can be judged by.
  analyze <file> --question <id>    Analyse a transcript (.txt or .json) or a recording (.wav).
       [--rubric <id>] [--duration <seconds>] [--json]
  transcribe <audio.wav>            Transcribe a recording with local Whisper.
       [--model whisper-base|whisper-tiny] [--verbatim|--plain] [--realtime] [--json]
`;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

type Command = (args: string[], io: CliIO) => Promise<void> | void;

const COMMANDS: Record<string, () => Promise<Command>> = {
  questions: async () => runQuestions,
  rubrics: async () => runRubrics,
  analyze: async () => (await import('./commands/analyze.ts')).runAnalyze,
  transcribe: async () => (await import('./commands/transcribe.ts')).runTranscribe,
};

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  try {
    if (!load) throw new CliError(`Unknown command "${name}". Run "rehearse --help" for the list.`);
    const command = await load();
    await command(rest, io);
    return 0;
  } catch (error) {
    const { exitCode, message } = describeCliError(error);
    io.stderr(`rehearse: ${message}\n`);
    return exitCode;
  }
}

export { parseArgs };
