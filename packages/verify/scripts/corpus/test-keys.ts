// A P-256 key made for the conformance corpus only. It is public on purpose: never trust it.
export const TEST_P256_PRIVATE_KEY_PEM: string = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyogiQ6HCpO2FpjzZ
1gHgtILSYjV2xA3Ok7m/Mq8GVZWhRANCAAT3NsXJH9QpGVnWXAZwtvGIfw41GRCP
2xmYOw9f1EnpAetBTb0sJXAZ9uy9mr4ZKzUyHOxJxwBrB7neU5FG3vNw
-----END PRIVATE KEY-----`;
