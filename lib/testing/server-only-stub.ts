// `server-only` throws when imported outside a React Server Components bundle; tests run domain code in
// plain Node, where that guard has nothing to protect.
export {};
