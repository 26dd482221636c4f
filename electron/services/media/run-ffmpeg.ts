import { spawn } from 'node:child_process';
import { MediaError, ffmpegMessage } from './media-error';

export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a short ffmpeg/ffprobe job (probe, single frames) to completion with a hard timeout.
 * Long jobs with progress go through fluent-ffmpeg in the media service instead; these need
 * neither its progress parsing nor its capability checks, which would cost extra processes.
 */
export function runTool(binary: string, args: readonly string[], timeoutMs: number): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
    });
    const timer = setTimeout(() => {
      settled = true;
      child.kill('SIGKILL');
      reject(new MediaError('timeout', { key: 'media.timedOut', params: { tool: toolName(binary), seconds: Math.round(timeoutMs / 1000) } }));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(new MediaError('ffmpeg-missing', { key: 'media.cannotStart', params: { tool: toolName(binary), reason: error.message } }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if (code === 0) resolve({ stdout, stderr });
      else reject(new MediaError('ffmpeg-failed', signal ? { key: 'media.stoppedBy', params: { tool: toolName(binary), signal } } : ffmpegMessage(stderr)));
    });
  });
}

function toolName(binary: string): string {
  return /ffprobe[^/\\]*$/.test(binary) ? 'ffprobe' : 'ffmpeg';
}
