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

/// What `ctls_check_ca` found about a CA's certificate and key files.
typedef enum {
    /// Both files parse, the certificate is a CA certificate still valid now, and the key is its key.
    CTLS_CA_USABLE = 0,
    /// The certificate file cannot be opened or holds no PEM certificate.
    CTLS_CA_UNREADABLE_CERTIFICATE = 1,
    /// The key file cannot be opened or holds no unencrypted PEM private key.
    CTLS_CA_UNREADABLE_KEY = 2,
    /// The key is not the private key of the certificate.
    CTLS_CA_KEY_MISMATCH = 3,
    /// The certificate may not sign others (no basicConstraints CA:TRUE, or keyUsage without keyCertSign).
    CTLS_CA_NOT_A_CA = 4,
    /// The certificate's validity period has ended.
    CTLS_CA_EXPIRED = 5,
} ctls_ca_status;

/// Makes a private CA: a new EC P-256 key and a self-signed X.509 v3 certificate for it (random serial, subject
/// CN=`commonName`, valid from an hour ago for `validDays` days, basicConstraints critical CA:TRUE pathlen:0, keyUsage
/// critical keyCertSign cRLSign, subject key identifier, SHA-256). Writes the key to `keyPath` (PKCS#8 PEM, mode 0600
/// from creation) and the certificate to `certPath` (PEM, 0644); refuses to replace either file if it exists, and
/// leaves neither behind on failure. 0, or -1 with a reason naming the file in `error`.
int ctls_make_ca(const char *commonName, int validDays, const char *certPath, const char *keyPath,
                 char *error, size_t errorLength);

/// Checks the CA in `certPath` and `keyPath` (see `ctls_ca_status`); on anything but CTLS_CA_USABLE, a reason naming
/// the file is in `error`. Encrypted keys are refused, never prompted for.
ctls_ca_status ctls_check_ca(const char *certPath, const char *keyPath, char *error, size_t errorLength);

/// Issues a server certificate signed by the CA in `caCertPath` / `caKeyPath`: a new EC P-256 key; subject CN = the
/// first DNS name (else the first IP address); subjectAltName with every DNS name and IP address (IPv4 or IPv6
/// literals without brackets); basicConstraints CA:FALSE, keyUsage digitalSignature, extendedKeyUsage serverAuth,
/// subject and authority key identifiers; valid from now + `notBeforeOffsetSeconds` to now + `notAfterOffsetSeconds`
/// (negative offsets lie in the past), never past the CA's own end. Replaces `keyPath` (PKCS#8 PEM, 0600 from
/// creation) and `certPath` (PEM: the leaf then the CA certificate, 0644) atomically. 0, or -1 with a reason in `error`.
int ctls_issue_leaf(const char *caCertPath, const char *caKeyPath,
                    const char *const *dnsNames, size_t dnsCount, const char *const *ipAddresses, size_t ipCount,
                    long notBeforeOffsetSeconds, long notAfterOffsetSeconds,
                    const char *certPath, const char *keyPath, char *error, size_t errorLength);

#endif
