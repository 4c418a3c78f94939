import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createIsmsServicesOn } from '../language/isms-core-module.js';
import { WebPlatformModule } from '../language/platform/web-platform-module.js';
import { RemoteFileSystemProvider } from '../language/workspace/remote-file-system.js';

// The language server in a web worker (VS Code for the Web): messages come and go through the
// worker's port; files are read and reports written through the editor (workspace-files-protocol.ts).
// The worker's global scope; the project is compiled without the DOM library.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const { shared } = createIsmsServicesOn({ connection, fileSystemProvider: () => new RemoteFileSystemProvider(() => connection) }, WebPlatformModule);
startLanguageServer(shared);
