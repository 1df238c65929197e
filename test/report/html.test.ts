/**
 * The HTML report's source, before any browser sees it: the content security policies, the one
 * script of the webview, and no text from the files left unescaped. The browser test proves the
 * same things by running the page.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, isOpenMessage, renderReportHtml } from '../../server/src/report';
import { ATTACKS, hostileReport } from './hostile';

const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('HTML report source', () => {
  const report = hostileReport();

  it('exports one file with no script, no inline style attribute and a policy that allows neither', () => {
    const html = renderReportHtml(report);
    assert.ok(html.startsWith('<!doctype html>\n<html lang="en">'));
    assert.ok(!/<script/i.test(html));
    assert.ok(!/\sstyle="/i.test(html));
    assert.ok(!/\son[a-z]+="/i.test(html), 'no event handler attribute');
    assert.ok(html.includes(`content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"`));
    assert.ok(!/\s(src|href)="/i.test(html), 'nothing to fetch');
  });

  it('escapes every attack in text and attributes', () => {
    for (const html of [renderReportHtml(report), renderReportHtml(report, { target: 'webview', nonce: NONCE, cspSource: CSP_SOURCE })]) {
      for (const attack of [ATTACKS.script, ATTACKS.img, ATTACKS.attribute, ATTACKS.style, ATTACKS.title]) {
        assert.ok(!html.includes(attack), `unescaped: ${attack}`);
      }
      // Exactly the markup the renderer writes: the hostile names never open an element.
      assert.ok(!/<(img|svg onload|iframe)/i.test(html));
      assert.equal(html.match(/<style/g)?.length, 1);
      assert.equal(html.match(/<\/style>/g)?.length, 1, 'no text closes the stylesheet');
    }
  });

  it('gives the webview a strict nonce policy and exactly one script, with that nonce', () => {
    const html = renderReportHtml(report, { target: 'webview', nonce: NONCE, cspSource: CSP_SOURCE, view: 'concentration' });
    const policy = `default-src 'none'; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; base-uri 'none'; form-action 'none'`;
    assert.equal(contentSecurityPolicy({ target: 'webview', nonce: NONCE, cspSource: CSP_SOURCE }), policy);
    assert.ok(html.includes(`content="${policy}"`));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${NONCE}">`));
    assert.ok(html.includes(`<style nonce="${NONCE}">`));
    assert.ok(!/\sstyle="/i.test(html));
    assert.ok(!html.includes('command:'), 'no command URIs');
    assert.ok(!/\s(href|src)="/i.test(html), "no links, nothing to fetch");
    assert.ok(html.includes('<div role="tabpanel" data-panel="concentration">'), 'the asked-for view shows first');
    assert.ok(html.includes('<div role="tabpanel" data-panel="readiness" hidden>'));
  });

  it('refuses a nonce that would not protect anything', () => {
    for (const nonce of ['', 'abc', "x' 'unsafe-inline", 'a'.repeat(15)]) {
      assert.throws(() => renderReportHtml(report, { target: 'webview', nonce, cspSource: CSP_SOURCE }), /nonce/);
    }
  });

  it('recognises the open message and nothing else', () => {
    assert.ok(isOpenMessage({ type: 'open', file: '/w/a.req.yaml', line: 3 }));
    for (const bad of [null, 'open', { type: 'open', file: 1, line: 3 }, { type: 'open', file: 'a', line: -1 }, { type: 'open', file: 'a', line: 1.5 }, { type: 'run', file: 'a', line: 1 }]) {
      assert.ok(!isOpenMessage(bad), JSON.stringify(bad));
    }
  });
});
