import { spawn, type ChildProcess } from 'node:child_process';

/** `npm run demo`'s server, started for a test: its process and the URLs it printed. */
export interface DemoServer {
  process: ChildProcess;
  /** The shop. */
  url: string;
  /** `edgeseg dashboard` over the collector's folder. */
  dashboardUrl: string;
}

/**
 * Starts demo/serve.mjs on free ports with its collector writing to `collectDir`, without
 * the traffic simulator (a test drives its own visitors), and resolves once the shop is up.
 */
export function startDemo(collectDir: string): Promise<DemoServer> {
  const demo = spawn(process.execPath, ['demo/serve.mjs'], {
    env: { ...process.env, PORT: '0', COLLECT_DIR: collectDir, EDGESEG_SIMULATE: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise<DemoServer>((resolve, reject) => {
    let out = '';
    demo.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const dashboard = /edgeseg dashboard: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      const shop = /demo shop: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      if (shop && dashboard) resolve({ process: demo, url: shop, dashboardUrl: dashboard });
    });
    demo.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
  });
}
