/** The SDK version sent in the `Zai-SDK-Ver` header. */
export const version = "0.1.0"
