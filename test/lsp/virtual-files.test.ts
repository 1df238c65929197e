/**
 * The paths files without a disk go by (server/src/lsp/virtual-files.ts): each comes back to exactly
 * the URI the editor sent (diagnostics are published by it), a folder's path holds its files' paths,
 * and URIs of other schemes (an untitled editor, a git revision) keep their own names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInside } from '../../server/src/paths/project-globs';
import { isVirtualPath, nameByPath, virtualPath, virtualUri } from '../../server/src/lsp/virtual-files';

nameByPath('vscode-vfs');
nameByPath('vscode-remote');

describe('paths for files without a disk', () => {
  it('come back to the URI the editor sent', () => {
    for (const uri of [
      'vscode-vfs://github/acme/roadmap/checkout.req.yaml',
      'vscode-vfs://github/acme/roadmap/growth/a%20b.req.yml',
      'vscode-remote://127.0.0.1:8080/tmp/ws/inbound.config.yaml',
      'vscode-vfs://github/acme/roadmap/%C3%BCber.req.yaml',
    ]) {
      const path = virtualPath(uri);
      assert.ok(path && isVirtualPath(path), uri);
      assert.equal(virtualUri(path), uri);
    }
  });

  it('hold a folder’s files inside the folder’s path, with or without its trailing slash', () => {
    const file = virtualPath('vscode-vfs://github/acme/roadmap/growth/onboarding.req.yaml')!;
    for (const folder of ['vscode-vfs://github/acme/roadmap', 'vscode-vfs://github/acme/roadmap/']) {
      assert.equal(virtualPath(folder), '/vscode-vfs:github/acme/roadmap');
      assert.ok(isInside(file, virtualPath(folder)!));
    }
    assert.ok(!isInside(file, virtualPath('vscode-vfs://github/acme/road')!), 'a sibling whose name starts the same is not the folder');
    assert.ok(!isInside(virtualPath('vscode-remote://127.0.0.1:8080/acme/roadmap/x.req.yaml')!, virtualPath('vscode-vfs://github/acme/roadmap')!));
  });

  it('are made only for the schemes of such folders', () => {
    for (const uri of ['untitled:Untitled-1', 'git:/tmp/ws/a.req.yaml?%7B%22ref%22%3A%22HEAD%22%7D', 'file:///tmp/ws/a.req.yaml']) assert.equal(virtualPath(uri), undefined, uri);
    assert.equal(virtualUri('/tmp/ws/a.req.yaml'), undefined);
    assert.equal(isVirtualPath('/git:/tmp/ws/a.req.yaml'), false);
  });
});
