/** Writing a report failed, and nothing was changed; the message is for the user as it stands. */
export class OutputError extends Error { }

/** The output is refused: writing it would lose something that is not the tool's. */
export class OutputRefusedError extends OutputError { }
