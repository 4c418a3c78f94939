import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createIsmsServices } from '../language/isms-module.js';
import { ModelFileSystemProvider } from '../language/workspace/model-file-system.js';
import { ProtocolGuards } from './protocol-guards.js';

// The transport comes from the command line: `--stdio` for any LSP editor, `--node-ipc` when
// VS Code starts the bundled server.
const guards = new ProtocolGuards();
const connection = guards.guard(createConnection(ProposedFeatures.all, guards.options));
const { shared } = createIsmsServices({ connection, fileSystemProvider: () => new ModelFileSystemProvider() });
startLanguageServer(shared);

// A promise nobody waits for (a notification to the editor, say) must not take the server down
// when it fails: it is logged to the output channel instead.
process.on('unhandledRejection', reason => console.error('Unhandled rejection in the ISMS language server:', reason));
