// Injection tokens for the values core is built from (not classes, so they need a name).
export const CORE_CONFIG = Symbol('CORE_CONFIG');
export const LOGGER = Symbol('LOGGER');
