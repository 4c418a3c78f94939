import type { DefaultSharedModuleContext, LangiumSharedServices } from 'langium/lsp';
import type { IsmsServices } from './isms-core-module.js';
import { createIsmsServicesOn } from './isms-core-module.js';
import { NodePlatformModule } from './platform/node-platform-module.js';

export type { IsmsAddedServices, IsmsCoreServices, IsmsServices } from './isms-core-module.js';

/**
 * The language services on Node (the language server, the CLI, the tests): the language core
 * with the disk and git as its platform. The web worker wires its own (server/browser-main.ts).
 */
export function createIsmsServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices, Isms: IsmsServices } {
    return createIsmsServicesOn(context, NodePlatformModule);
}
