import { randomBytes } from "node:crypto";

/** A fresh name prefix for everything one contract run creates, so runs never collide and cleanup finds them. */
export const newContractPrefix = () => `FLOE_CONTRACT_${randomBytes(4).toString("hex").toUpperCase()}`;
