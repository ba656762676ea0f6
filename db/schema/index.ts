export * from "./enums";
export * from "./users";
export * from "./recovery-codes";
export * from "./registrations";
export * from "./cameras";
export * from "./incidents";
export * from "./audit-log";
export * from "./reference";
