import type { Role } from "../auth/roles";

/** The demo accounts' public credentials (README "Staff accounts"); embedded demo only. */
export interface DemoCredential {
  role: Role;
  email: string;
  name: string;
  password: string;
}

export const DEMO_USERS: DemoCredential[] = [
  { role: "detective", email: "detective@demo.example", name: "Dana Detective (demo)", password: "amber-lantern-river" },
  { role: "supervisor", email: "supervisor@demo.example", name: "Sam Supervisor (demo)", password: "copper-meadow-signal" },
  { role: "admin", email: "admin@demo.example", name: "Alex Admin (demo)", password: "granite-orchard-compass" },
];
