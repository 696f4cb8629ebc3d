/** The pure domain rules; import from here or from the concept's own file. */
export * from './calendar-date';
export * from './categories';
export * from './ce-record';
export * from './certificate-dates';
export * from './certificate-number';
export * from './certificate-types';
export * from './credit-code';
export * from './holding-rules';
export * from './id-number';
export * from './result';
export * from './checks/check-context';
export * from './checks/run-checks';
