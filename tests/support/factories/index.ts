/**
 * Test data factories in one place, openstatus style: `createX(db, overrides?)` inserts one X through
 * the tables (or, for accounts, the code) the app uses and returns the row, so each test builds exactly
 * the data it reasons about.
 */
export * from "./staff";
export * from "./registrations";
export * from "./streets";
export * from "./incidents";
export * from "./canvass-scenario";
export * from "./registration-payload";
