import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../main.ts';

function capture(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

describe('rehearse transcribe: bad input', () => {
  it.each([
    [['transcribe'], /exactly one audio file/],
    [['transcribe', 'a.wav', 'b.wav'], /exactly one audio file/],
    [['transcribe', 'a.wav', '--model', 'whisper-large'], /Unknown model "whisper-large"/],
    [['transcribe', 'a.wav', '--verbatim', '--plain'], /Choose one of --verbatim and --plain/],
    [['transcribe', '/nonexistent/answer.wav'], /No such file: \/nonexistent\/answer.wav/],
    [['transcribe', new URL('../../package.json', import.meta.url).pathname], /Not a WAV file/],
  ])('%j → one line on stderr, exit 2', async (args, message) => {
    const io = capture();
    expect(await main(args, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.out).toBe('');
  });
});
