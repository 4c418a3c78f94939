import type { Connection, ConnectionOptions, Message, MessageStrategy, NotificationMessage, RequestMessage, ResponseMessage } from 'vscode-languageserver/node';
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { z } from 'zod';

/** Requests that arrive after `shutdown` are dispatched under this name, to be refused. */
const AFTER_SHUTDOWN = 'isms/requestAfterShutdown';

const position = z.object({ line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });
const range = z.object({ start: position, end: position });
const documentId = z.object({ uri: z.string().min(1) });

/** The notifications whose malformed parameters would leave a document half-updated. */
const NOTIFICATION_PARAMS: Record<string, z.ZodType> = {
    'textDocument/didOpen': z.object({ textDocument: documentId.extend({ languageId: z.string(), version: z.number().int(), text: z.string() }) }),
    'textDocument/didChange': z.object({
        textDocument: documentId.extend({ version: z.number().int() }),
        contentChanges: z.array(z.union([z.object({ range, rangeLength: z.number().optional(), text: z.string() }), z.object({ range: z.undefined().optional(), text: z.string() })]))
    }),
    'textDocument/didClose': z.object({ textDocument: documentId }),
    'textDocument/didSave': z.object({ textDocument: documentId, text: z.string().optional() }),
    'workspace/didChangeWatchedFiles': z.object({ changes: z.array(z.object({ uri: z.string().min(1), type: z.number().int().min(1).max(3) })) })
};

/**
 * What the language server adds to the protocol handling of vscode-languageserver and Langium:
 *
 * - A malformed document notification (a `didOpen` without text, say) is logged and dropped;
 *   let through, it would fail the build of that document and leave every request that waits
 *   for the document unanswered.
 * - A request cancelled with `$/cancelRequest` is answered with `RequestCancelled`: at once if it
 *   has not started, and instead of its result if it has.
 * - After `shutdown`, requests are answered with `InvalidRequest` and notifications other than
 *   `exit` are dropped. (`exit` itself, with code 0 after `shutdown` and 1 without, is
 *   vscode-languageserver's.)
 */
export class ProtocolGuards {

    private shutdownReceived = false;

    /** To pass to `createConnection`. */
    readonly options: ConnectionOptions = {
        messageStrategy: { handleMessage: (message, next) => this.handleMessage(message, next) },
        connectionStrategy: { cancelUndispatched: message => cancelledResponse(message) }
    };

    /** The connection the services should use: its request handlers answer cancelled requests. */
    guard<C extends Connection>(connection: C): C {
        connection.onRequest(AFTER_SHUTDOWN, (params: { method?: string }) =>
            new ResponseError(ErrorCodes.InvalidRequest, `The server has shut down; '${params.method}' is not answered.`));
        return answeringCancelled(connection, new WeakMap());
    }

    private handleMessage(...[message, next]: Parameters<MessageStrategy['handleMessage']>): ReturnType<MessageStrategy['handleMessage']> {
        const { method, params } = message as Partial<RequestMessage & NotificationMessage>;
        const isRequest = 'id' in message && typeof method === 'string';
        if (this.shutdownReceived && typeof method === 'string') {
            if (isRequest) return next({ ...message, method: AFTER_SHUTDOWN, params: { method } } as RequestMessage);
            if (method !== 'exit') return undefined;
        }
        if (method === 'shutdown' && isRequest) {
            this.shutdownReceived = true;
        }
        const schema = !isRequest && method !== undefined ? NOTIFICATION_PARAMS[method] : undefined;
        if (schema) {
            const checked = schema.safeParse(params);
            if (!checked.success) {
                const problem = checked.error.issues[0];
                console.error(`Ignored a malformed ${method} notification: ${problem ? `${problem.path.join('.') || 'params'}: ${problem.message}` : 'invalid parameters'}.`);
                return undefined;
            }
        }
        return next(message);
    }
}

function cancelledResponse(message: Message): ResponseMessage {
    return { jsonrpc: message.jsonrpc, id: (message as RequestMessage).id, error: cancelledError().toJson() };
}

function cancelledError(): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
}

/**
 * A view of `target` (the connection or one of its parts such as `languages`) whose handler
 * registrations (`on…`) wrap the handlers: a handler given a cancellation token answers
 * `RequestCancelled` when the token is cancelled before its answer is ready, and its errors go
 * out as errors (`asError`).
 */
function answeringCancelled<T extends object>(target: T, views: WeakMap<object, object>): T {
    const known = views.get(target);
    if (known) return known as T;
    const view = new Proxy(target, {
        get(object, key) {
            const value: unknown = Reflect.get(object, key, object);
            if (typeof value === 'function') {
                const registers = typeof key === 'string' && key.startsWith('on');
                return (...args: unknown[]) => value.apply(object, registers ? args.map(arg => typeof arg === 'function' ? cancellable(arg as (...params: unknown[]) => unknown) : arg) : args);
            }
            return value !== null && typeof value === 'object' ? answeringCancelled(value, views) : value;
        }
    });
    views.set(target, view);
    return view;
}

function cancellable(handler: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    return function (this: unknown, ...args: unknown[]) {
        const token = args.find(arg => CancellationToken.is(arg));
        if (!token) return handler.apply(this, args);
        if (token.isCancellationRequested) return cancelledError();
        const settle = (value: unknown) => token.isCancellationRequested ? cancelledError() : asError(value);
        const result = handler.apply(this, args);
        if (!(result instanceof Promise)) return settle(result);
        return result.then(settle, error => {
            if (token.isCancellationRequested) return cancelledError();
            throw error;
        });
    };
}

/**
 * Langium builds its `ResponseError`s from another copy of vscode-jsonrpc than the connection's,
 * which does not recognise them and would send them as results; they are rebuilt here.
 */
function asError(value: unknown): unknown {
    if (value instanceof ResponseError || !(value instanceof Error)) return value;
    const { code, data, toJson } = value as Error & { code?: unknown, data?: unknown, toJson?: unknown };
    return typeof code === 'number' && typeof toJson === 'function' ? new ResponseError(code, value.message, data) : value;
}
