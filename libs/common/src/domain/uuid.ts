const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is shaped as a UUID: ids from outside (a group key, an audit target) are checked before a uuid column is queried with them. */
export const isUuid = (value: string): boolean => UUID.test(value);
