/**
 * The signing key of a site made on a tablet: only the creating tablet can print passes; a
 * bare personal code is refused at a new site's gate; the key reaches a second supervisor
 * tablet only through the PIN, the QR and its 8 digits, and passes it prints then verify.
 */
import { expect, test } from '@playwright/test';
import { formatPersonCode } from '../../src/lib/core/code';
import { parseJoinCode } from '../../src/lib/site/join-code';
import { maskName } from '../../src/lib/roster/roster';
import { newTablet, signIn, verdict, wedgeScan } from '../support/app';
import { csvFile, expectRosterTotal, peopleOf, pickRosterFile } from '../support/roster-files';

const TABLE = [
  ['楼栋', '单元', '房号', '姓名', '手机'],
  ['3', '1', '201', '周明', '13800001111']
];

test.afterEach(async ({ browser }) => {
  for (const context of browser.contexts()) await context.close();
});

test('the signing key goes to a second supervisor tablet only with the PIN and the 8 digits, and its passes verify at the gate', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const [zhou] = peopleOf(TABLE);
  const a = await newTablet(browser, baseURL!);
  await a.getByLabel('站点名称').fill('和平里小区');
  await a.getByRole('button', { name: '创建' }).click();
  await expect(a.getByText('选择岗位')).toBeVisible();
  await pickRosterFile(a, csvFile('底册.csv', TABLE));
  await a.getByRole('button', { name: '下一步：预览' }).click();
  await a.getByRole('button', { name: /^确认导入/ }).click();
  await expect(a.getByTestId('import-done')).toBeVisible();
  await a.goto('/settings');
  await a.getByTestId('pin-input').fill('2468');
  await a.getByRole('button', { name: '设置密码' }).click();
  await expect(a.getByTestId('keys-status')).toContainText('本机持有本小区的签发密钥');
  await a.getByRole('button', { name: '显示加入码' }).click();
  const joinCode = (await a.getByTestId('join-code').textContent())!.trim();

  // A new site takes passes only: the bare personal code of a resident is refused.
  await signIn(a, '王五');
  await wedgeScan(a, formatPersonCode(parseJoinCode(joinCode)!.id, zhou!.id));
  await expect(a.getByTestId('verdict-reason')).toHaveText('本小区只认出入证：请出示出入证，或在底册中查找此人');

  const b = await newTablet(browser, baseURL!);
  await b.getByTestId('join-code-input').fill(joinCode);
  await b.getByRole('button', { name: '加入', exact: true }).click();
  await expect(b.getByText('选择岗位')).toBeVisible();
  await b.goto('/settings');
  await expect(b.getByTestId('keys-status')).toContainText('本机没有签发密钥');
  await b.goto('/roster/codes');
  await expect(b.getByTestId('card-kind-person')).toBeDisabled();

  await a.goto('/settings');
  await a.getByTestId('keys-give').click();
  await a.getByTestId('keys-pin').fill('1111');
  await a.getByRole('button', { name: '确定' }).click();
  await expect(a.getByTestId('keys-dialog').getByText('密码不对')).toBeVisible();
  await expect(a.getByTestId('keys-qr')).toHaveCount(0);
  await a.getByTestId('keys-pin').fill('2468');
  await a.getByRole('button', { name: '确定' }).click();
  const sealed = (await a.getByTestId('keys-qr').getAttribute('data-key'))!;
  const digits = (await a.getByTestId('keys-code').textContent())!.trim();
  expect(digits).toMatch(/^\d{4} \d{4}$/);

  await b.goto('/settings');
  await b.getByTestId('keys-scanned').fill(sealed);
  const wrong = digits.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
  await b.getByTestId('keys-digits').fill(wrong);
  await b.getByTestId('keys-take').click();
  await b.getByRole('button', { name: '确定' }).click();
  await expect(b.getByRole('alert')).toHaveText('8 位数字不对（或密钥码不完整），请核对后重试', { timeout: 20_000 });
  await expect(b.getByTestId('keys-status')).toContainText('本机没有签发密钥');
  await b.getByTestId('keys-digits').fill(digits);
  await b.getByTestId('keys-take').click();
  await b.getByRole('button', { name: '确定' }).click();
  await expect(b.getByRole('status').filter({ hasText: '已接收签发密钥' })).toBeVisible({ timeout: 20_000 });

  // B prints a pass once the roster has synced to it; A's gate takes it.
  await expectRosterTotal(b, 1, 60_000);
  await b.goto('/roster/codes');
  await b.getByTestId('codes-building').selectOption({ label: zhou!.building });
  await b.getByTestId('card-kind-person').check();
  await b.getByTestId('make-passes').click();
  const pass = (await b.getByTestId('pass-label').first().getAttribute('data-pass'))!;
  await a.goto('/gate');
  await expect(verdict(a)).toHaveAttribute('data-kind', 'ready');
  await wedgeScan(a, pass);
  await expect(verdict(a)).toHaveAttribute('data-kind', 'accepted');
  await expect(a.getByTestId('verdict-name')).toHaveText(maskName(zhou!.name));
});
