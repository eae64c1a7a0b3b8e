/** Helpers to start the X server and to wait for tauri-driver's port. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * Starts Xvfb on the first free display, which it picks itself and reports on `-displayfd`,
 * so parallel runs on one machine never collide.
 */
export function startXvfb(screen: string): Promise<{ display: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error('Xvfb did not start within 10 s')), 10_000);
    xvfb.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start Xvfb: ${error.message} (run \`make deps\`)`));
    });
    let output = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) {
        clearTimeout(timer);
        resolve({ display: `:${output.trim()}`, process: xvfb });
      }
    });
  });
}

export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(host, port)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
