declare const ISMS_VERSION: string | undefined;

/** Set by the bundler from package.json. */
export const CLI_VERSION = typeof ISMS_VERSION === 'string' ? ISMS_VERSION : '0.0.0-dev';
