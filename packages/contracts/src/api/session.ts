import { z } from 'zod';

export const ACCOUNT_ROLE_VALUES = ['viewer', 'analyst', 'admin'] as const;
export type AccountRoleValue = (typeof ACCOUNT_ROLE_VALUES)[number];

export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ACCOUNT_ROLE_VALUES),
  isActive: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type AccountView = z.infer<typeof accountSchema>;

export const signInBodySchema = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const sessionSchema = z.object({
  account: accountSchema,
  csrfToken: z.string(),
});
export type SessionView = z.infer<typeof sessionSchema>;

export const newAccountBodySchema = z.object({
  email: z.string().max(320),
  role: z.enum(ACCOUNT_ROLE_VALUES),
  password: z.string().max(1024),
});

export const accountListSchema = z.object({ items: z.array(accountSchema) });

export const accountPatchSchema = z.object({
  role: z.enum(ACCOUNT_ROLE_VALUES).optional(),
  isActive: z.boolean().optional(),
  password: z.string().max(1024).optional(),
});
