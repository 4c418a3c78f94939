import * as assert from 'node:assert/strict';
import { createCompletionParser, DefaultLexer } from 'langium';
import type { IsmsAstType } from '../../language/generated/ast.js';
import { ChecksOnFirstUseRegistry } from '../../language/validation/checks-on-first-use-registry.js';
import { completionParserOnFirstUse, LexerOnFirstUse } from '../../language/parser/parsers-on-first-use.js';
import { ModelWorkspace } from '../helpers/model-workspace.js';

// The language server defers building its lexer, its completion parser and its checks until
// they are first used; what they then do must be what the eager ones do. (Every test over the
// protocol, test/lsp/, runs the server with them deferred.)
describe('services made on first use', () => {

    const roles = { 'roles.isms': 'role CISO "Chief Information Security Officer"\n' };
    const text = 'risk R-1 "Ransomware encrypts the file server" {\n    asset FS\n    likelihood 4 impact 5\n}\n';

    it('the lexer reads text exactly as the eager lexer does', async () => {
        const { services } = await ModelWorkspace.create(roles);
        const onFirstUse = new LexerOnFirstUse(services);
        const eager = new DefaultLexer(services);
        const tokens = (lexer: LexerOnFirstUse | DefaultLexer) => lexer.tokenize(text).tokens.map(token => `${token.tokenType.name}:${token.image}`);
        assert.deepEqual(tokens(onFirstUse), tokens(eager));
        assert.ok(tokens(onFirstUse).length > 10, 'the sample has tokens');
        assert.deepEqual(Object.keys(onFirstUse.definition).sort(), Object.keys(eager.definition).sort());
    });

    it('the completion parser parses as the eager one does', async () => {
        const { services } = await ModelWorkspace.create(roles);
        const partial = 'risk R-1 "Ransomware" {\n    asset ';
        const onFirstUse = completionParserOnFirstUse(services).parse(partial);
        const eager = createCompletionParser(services).parse(partial);
        assert.deepEqual(onFirstUse.tokens.map(token => token.image), eager.tokens.map(token => token.image));
        assert.equal(onFirstUse.elementStack.length, eager.elementStack.length);
        assert.ok(eager.elementStack.length > 0, 'the partial text opens an element');
    });

    it('the registry makes its checks once, at the first question about them', async () => {
        const { services } = await ModelWorkspace.create(roles);
        const registry = new ChecksOnFirstUseRegistry(services);
        let made = 0;
        registry.registerOnFirstUse(() => {
            made++;
            registry.register<IsmsAstType>({ Risk: () => undefined });
        });
        assert.equal(made, 0, 'nothing is made before it is asked for');
        assert.equal(registry.getChecks('Risk').count(), 1);
        assert.equal(registry.getChecks('Risk').count(), 1);
        assert.equal(registry.checksBefore.length, 0);
        assert.equal(made, 1, 'the checks are made once');
    });
});
