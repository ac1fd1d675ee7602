import { describe, expect, it } from "vitest";
import { readSessionCookie, sessionCookie } from "~/lib/auth/cookies.server";
import { generateSecretToken, hashToken } from "~/lib/auth/crypto.server";
import { hashPassword, verifyPassword } from "~/lib/auth/password.server";

describe("tokens", () => {
  it("are 160-bit base32 strings, different every time", () => {
    const tokens = new Set(Array.from({ length: 100 }, generateSecretToken));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
  });

  it("are stored as their SHA-256 in hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("passwords", () => {
  it("hash with argon2id and verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax, path-wide, and Secure when asked", () => {
    const cookie = sessionCookie("abc", new Date("2030-01-01T00:00:00Z"), true);
    expect(cookie).toBe("thicket_session=abc; Path=/; Expires=Tue, 01 Jan 2030 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax");
    expect(sessionCookie("abc", new Date(), false)).not.toMatch(/Secure/);
  });

  it("reads back only well-formed tokens", () => {
    const token = generateSecretToken();
    expect(readSessionCookie(`a=1; thicket_session=${token}`)).toBe(token);
    expect(readSessionCookie("thicket_session=<script>")).toBeNull();
    expect(readSessionCookie(undefined)).toBeNull();
  });
});
