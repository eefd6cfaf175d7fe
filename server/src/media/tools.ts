import { spawn } from 'node:child_process';

/** The outcome of a command that exited with status 0. */
export interface CommandOutput {
  stdout: Buffer;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    const detail = stderr.trim().split('\n').slice(-3).join(' | ');
    super(
      `${command} failed (${exitCode === null ? 'killed' : `exit ${exitCode}`})${detail ? `: ${detail}` : ''}`,
    );
    this.name = 'CommandError';
  }
}

/**
 * Runs a program without a shell, collecting its output. Aborting the signal kills it (SIGKILL)
 * and the promise rejects only after the process has exited, so callers can clean up knowing it
 * is gone; so does running longer than `timeoutMs`. A missing program rejects with ENOENT.
 */
export function runCommand(
  program: string,
  args: string[],
  options: { signal?: AbortSignal; input?: Buffer; maxStdout?: number; timeoutMs?: number } = {},
): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
      return;
    }
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: Error | null = null;
    const kill = (reason: Error) => {
      failure ??= reason;
      child.kill('SIGKILL');
    };
    const onAbort = () =>
      kill(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          kill(
            new Error(
              `${program} took longer than ${Math.round((options.timeoutMs ?? 0) / 1000)} s`,
            ),
          );
        }, options.timeoutMs)
      : undefined;

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (options.maxStdout && stdoutBytes > options.maxStdout) {
        kill(new Error(`${program} wrote more than ${options.maxStdout} bytes`));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep the tail only: ffmpeg can be chatty.
      stderr = (stderr + chunk).slice(-8192);
    });
    child.stdin.on('error', () => {
      // The program may exit before reading all its input; its exit status tells what happened.
    });
    child.stdin.end(options.input);
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else if (code !== 0) reject(new CommandError(program, code, stderr));
      else resolve({ stdout: Buffer.concat(stdout), stderr });
    };
    child.on('error', (error) => {
      failure ??= error;
      // A program that never started emits no 'close' to wait for.
      if (child.pid === undefined) finish(null);
    });
    child.on('close', finish);
  });
}

/** Whether a program can be started (it answers `args`, e.g. `-version`). */
export async function programWorks(program: string, args: string[]): Promise<boolean> {
  try {
    await runCommand(program, args, { maxStdout: 1 << 20 });
    return true;
  } catch {
    return false;
  }
}
