-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;


-- A version only ever goes up (sign-out and role changes increment it).
ALTER TABLE "User" ADD CONSTRAINT "User_session_version_non_negative" CHECK ("sessionVersion" >= 0);
