/**
 * The suite runs twice, with the same .vsix: in VS Code's Node extension host, and in the web
 * worker extension host of VS Code for the Web (the profile asks for it, test/e2e/suite.mjs). This
 * makes sure each run is where it says: a web run that had quietly fallen back to Node would prove
 * nothing about the browser.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { HOST } from './helpers';

describe('Extension host', () => {
  it(`runs the extension in the ${HOST === 'web' ? 'web worker' : 'Node'} extension host`, async () => {
    const extension = vscode.extensions.getExtension('inbound.inbound');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
    if (HOST === 'web') {
      assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node process here');
      assert.equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension runs where the UI is: the browser');
    } else {
      assert.equal(typeof process.versions.node, 'string', 'a Node process');
      // On a remote (code-server is one) the Node host is the workspace's; on the desktop it is the UI's.
      assert.equal(extension.extensionKind, vscode.env.remoteName ? vscode.ExtensionKind.Workspace : vscode.ExtensionKind.UI);
    }
    const api = extension.exports as { serverStarted(): boolean };
    assert.equal(api.serverStarted(), true, 'the language server started');
  });
});
