import { createContext, useContext } from 'react'

// The CSP nonce reaches components through context during SSR; in the browser it is not needed.
export const NonceContext = createContext<string | undefined>(undefined)
export const useNonce = () => useContext(NonceContext)
