-- AlterTable
ALTER TABLE "User" ADD COLUMN     "ssoLinkAllowedUntil" TIMESTAMP(3);

