// The ACL model (catalog/acl.ts), for the privilege checks and commands.
export * from '../catalog/acl.js';
