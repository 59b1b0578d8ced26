// The system's OpenSSL (libssl 3) for HTTPWire's TLS: contexts, sessions on non-blocking sockets, certificates.
// Thin C wrappers where OpenSSL's API is macros Swift cannot import; everything else is called directly.
#ifndef CTLSSHIMS_H
#define CTLSSHIMS_H
#include <stddef.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

// MARK: Contexts and sessions (tls.c)

/// A server context: TLS 1.2 and 1.3 only, forward-secret AEAD ciphers only, ALPN http/1.1, the certificate chain and
/// key from PEM files. NULL on failure with a reason in `error`.
SSL_CTX *ctls_server_context(const char *chainFile, const char *keyFile, char *error, size_t errorLength);

/// A client context: TLS 1.2 and 1.3 only, peer verification on, the system trust store plus `caFile` when not NULL,
/// ALPN http/1.1. NULL on failure with a reason in `error`.
SSL_CTX *ctls_client_context(const char *caFile, char *error, size_t errorLength);

/// A server session on the connected non-blocking socket `fd`, in accept state.
SSL *ctls_server_session(SSL_CTX *context, int fd);

/// A client session on the connected non-blocking socket `fd`, in connect state, verifying `host` (a DNS name or an
/// IP literal without brackets); SNI is sent for names only.
SSL *ctls_client_session(SSL_CTX *context, int fd, const char *host, int hostIsIP);

/// Writes the oldest queued OpenSSL error as text into `buffer` and clears the queue; "" when none.
void ctls_take_error(char *buffer, size_t length);

/// The negotiated ALPN protocol into `buffer` ("" when none).
void ctls_alpn(const SSL *session, char *buffer, size_t length);

// MARK: Certificates (certificates.c)

#endif
