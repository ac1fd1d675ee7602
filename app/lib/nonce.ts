import { createContext, useContext } from "react";

/** The request's CSP nonce, handed from entry.server to the inline scripts in root. */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
