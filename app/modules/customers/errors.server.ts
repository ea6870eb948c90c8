import { Prisma } from "~/generated/prisma/client";

/** The PostgreSQL error code behind a Prisma error, whichever way the driver adapter reports it. */
export function pgCode(error: unknown): string | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return "23505";
    const meta = error.meta as { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } | undefined;
    return meta?.driverAdapterError?.cause?.originalCode ?? meta?.code;
  }
  const cause = (error as { cause?: { originalCode?: string; code?: string } } | undefined)?.cause;
  return cause?.originalCode ?? (error as { code?: string } | undefined)?.code;
}

export const isUniqueViolation = (error: unknown) => pgCode(error) === "23505";
export const isCheckViolation = (error: unknown) => pgCode(error) === "23514";
