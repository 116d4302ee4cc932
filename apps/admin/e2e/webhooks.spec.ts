import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * Webhooks: an admin registers an endpoint (a receiver on 127.0.0.1 started here) and sees its
 * signing secret once; the end of a collection run (started over the API with a key minted on
 * /admin/api-keys) reaches the receiver signed with that secret; the delivery log shows it
 * delivered, and "send again" makes a second attempt that reaches the receiver too.
 */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

function verify(secret: string, header: string | string[] | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  const given = Buffer.from(match[2] ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test('an admin registers a webhook, sees its secret once, and reads and resends its deliveries', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook-${Date.now()}`;
  try {
    await signIn(page, 'admin', '/admin/webhooks');
    await page.goto(url('/admin/webhooks'));
    await page.locator('#w-url').fill(receiverUrl);
    await page.locator('#w-description').fill('e2e receiver');
    for (const event of ['edition.published', 'edition.corrected']) {
      await page.getByRole('checkbox', { name: event }).uncheck();
    }
    await page.getByRole('checkbox', { name: 'collection.finished' }).check();
    await page.getByRole('button', { name: /^(Create|创建)$/ }).click();
    const secretBox = page.getByTestId('webhook-secret');
    await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret = (await secretBox.textContent()) ?? '';
    const row = page.getByRole('row').filter({ hasText: receiverUrl });
    await expect(row).toContainText('collection.finished');

    // Shown once: a fresh view of the page has no secret.
    await page.goto(url('/admin/webhooks'));
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    // A key for the API, minted on its page, starts a collection run.
    await page.goto(url('/admin/api-keys'));
    await page.locator('#k-name').fill(`webhooks-e2e-${Date.now()}`);
    await page.getByRole('checkbox', { name: 'evidence:write' }).check();
    await page.getByRole('button', { name: /^(Create|创建)$/ }).click();
    const key = ((await page.getByTestId('api-key-secret').textContent()) ?? '').trim();
    const apiUrl = process.env.API_URL ?? '';
    const started = await fetch(apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query:
          'mutation { startCollection(input: { sources: ["huggingface"], projects: ["deepseek-v3"] }) { id } }',
      }),
    });
    const startedBody = (await started.json()) as {
      data?: { startCollection: { id: string } };
      errors?: unknown;
    };
    expect(startedBody.errors).toBeUndefined();
    const runId = startedBody.data?.startCollection.id;

    await expect.poll(() => received.length, { timeout: 120_000 }).toBeGreaterThan(0);
    const first = received[0] as Received;
    expect(first.headers['x-ranking-event']).toBe('collection.finished');
    expect(verify(secret, first.headers['x-ranking-signature'], first.body)).toBe(true);
    expect(JSON.parse(first.body)).toMatchObject({ event: 'collection.finished', data: { runId } });
    const deliveryId = String(first.headers['x-ranking-delivery']);

    // The delivery log: delivered, one attempt, 204.
    await page.goto(url('/admin/webhooks'));
    await page
      .getByRole('row')
      .filter({ hasText: receiverUrl })
      .getByRole('link', { name: /Delivery log|投递记录/ })
      .click();
    await page.waitForURL(/\/admin\/webhooks\/\d+$/);
    const delivery = page.locator(`tr[data-delivery="${deliveryId}"]`);
    await expect(async () => {
      await page.reload();
      await expect(delivery).toContainText(/Delivered|已送达/);
    }).toPass({ timeout: 30_000 });
    await expect(delivery.locator('td').nth(2)).toHaveText('1');
    await expect(delivery.locator('td').nth(3)).toHaveText('204');

    // Send again: a second request with the same delivery id, a second attempt in the log.
    await delivery.getByRole('button', { name: /Send again|重新发送/ }).click();
    await expect.poll(() => received.length, { timeout: 60_000 }).toBeGreaterThan(1);
    const second = received[1] as Received;
    expect(second.headers['x-ranking-delivery']).toBe(deliveryId);
    expect(second.body).toBe(first.body);
    expect(verify(secret, second.headers['x-ranking-signature'], second.body)).toBe(true);
    await expect(async () => {
      await page.reload();
      await expect(delivery.locator('td').nth(2)).toHaveText('2');
    }).toPass({ timeout: 30_000 });

    // Disable, then delete: the endpoint stays listed as deleted.
    await page.goto(url('/admin/webhooks'));
    const listed = page.getByRole('row').filter({ hasText: receiverUrl });
    await listed.getByRole('button', { name: /^(Disable|停用)$/ }).click();
    await expect(listed).toContainText(/Disabled|已停用/);
    await listed.getByRole('button', { name: /^(Delete|删除)$/ }).click();
    await expect(listed).toContainText(/Deleted|已删除/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
