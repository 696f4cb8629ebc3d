/**
 * The read load of `npm run bench:review`, in a process of its own (as people's browsers
 * would be): the regulator reads certificates, GET /api/certificates/{id}, one request every
 * 1000 / BENCH_READ_RATE ms whatever the answers (open loop), until told to stop; then it
 * sends back every latency.
 */
export interface ReviewLoadConfig {
  base: string;
  username: string;
  password: string;
  certificateIds: string[];
  ratePerSecond: number;
}

export type ReviewLoadMessage =
  { kind: 'ready' } | { kind: 'result'; latenciesMs: number[]; errors: number };

async function main(config: ReviewLoadConfig): Promise<void> {
  const login = await fetch(`${config.base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: config.username, password: config.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}` };
  const latenciesMs: number[] = [];
  let errors = 0;
  const pending = new Set<Promise<void>>();
  let stopped = false;
  process.on('message', (m) => {
    if (m === 'stop') stopped = true;
  });
  process.send!({ kind: 'ready' } satisfies ReviewLoadMessage);
  const interval = 1000 / config.ratePerSecond;
  const start = Date.now();
  for (let i = 0; !stopped; i++) {
    const id = config.certificateIds[(i * 7919) % config.certificateIds.length];
    const sent = Date.now();
    const request = fetch(`${config.base}/api/certificates/${id}`, { headers })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status === 200) latenciesMs.push(Date.now() - sent);
        else errors++;
      })
      .catch(() => void errors++)
      .finally(() => pending.delete(request));
    pending.add(request);
    const wait = start + (i + 1) * interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(pending);
  process.send!({ kind: 'result', latenciesMs, errors } satisfies ReviewLoadMessage, () =>
    process.exit(0),
  );
}

if (require.main === module)
  process.once('message', (config) => void main(config as ReviewLoadConfig));
